import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../util/errors';
import { importEsm } from '../util/esm';
import { PACKAGED } from '../util/packaged';

/* eslint-disable @typescript-eslint/no-explicit-any -- jsroot's objects are untyped ROOT streamers. */
type JsrootIo = any;
type JsrootTree = any;
let modules: Promise<[JsrootIo, JsrootTree]> | undefined;

export function jsroot(): Promise<[JsrootIo, JsrootTree]> {
  // The packaged extension ships jsroot's io and tree as one ES module beside the bundles.
  modules ??= PACKAGED
    ? importEsm<{ io: JsrootIo; tree: JsrootTree }>('jsroot', 'jsroot').then((m) => [m.io, m.tree] as [JsrootIo, JsrootTree])
    : Promise.all([importEsm<JsrootIo>('jsroot/io', 'jsroot'), importEsm<JsrootTree>('jsroot/tree', 'jsroot')]);
  return modules;
}

const ROOT_MAGIC = 'root';

/** An open ROOT file: jsroot's TFile reading through our descriptor, closed by `close`. */
export interface RootFile {
  path: string;
  file: any;
  close(): void;
}

/** jsroot's FileProxy over a descriptor: ranges are read on demand, so files of any size open. */
function fileProxy(io: JsrootIo, file: string, fd: number, size: number): any {
  class DescriptorProxy extends io.FileProxy {
    closed = false;
    async openFile(): Promise<boolean> {
      return true;
    }
    getFileName(): string {
      return path.basename(file);
    }
    getFileSize(): number {
      return size;
    }
    async readBuffer(position: number, length: number): Promise<DataView> {
      if (position < 0 || position + length > size) throw new Error(`a record at byte ${position} (${length} bytes) lies past the end of the file (${size} bytes)`);
      const bytes = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, bytes, done, length - done, position + done);
        if (n === 0) throw new Error(`the file ends at byte ${position + done}`);
        done += n;
      }
      return new DataView(bytes.buffer, bytes.byteOffset, length);
    }
    closeFile(): void {
      if (this.closed) return;
      this.closed = true;
      fs.closeSync(fd);
    }
  }
  return new DescriptorProxy();
}

/** Opens a ROOT file for reading by ranges; the caller closes it. */
export async function openRootFile(file: string): Promise<RootFile> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new UserError(`${file}: cannot read the file.`);
  }
  const size = fs.fstatSync(fd).size;
  const head = Buffer.alloc(20);
  fs.readSync(fd, head, 0, 20, 0);
  if (size < 4 || head.subarray(0, 4).toString('latin1') !== ROOT_MAGIC) {
    fs.closeSync(fd);
    throw new UserError(`${file}: not a ROOT file (it does not start with the ROOT signature); is it a CSV with a .root name?`);
  }
  // The header says where the file ends (64-bit in files past 2e9 bytes): a shorter file was cut.
  const end = size >= 20 ? (head.readInt32BE(4) >= 1_000_000 ? Number(head.readBigInt64BE(12)) : head.readInt32BE(12)) : Infinity;
  if (end > size) {
    fs.closeSync(fd);
    throw new UserError(`${file}: the file is truncated or corrupt (${size} bytes, its header says ${end}); copy it again.`);
  }
  const [io] = await jsroot();
  const proxy = fileProxy(io, file, fd, size);
  try {
    const opened = await io.openFile(proxy);
    return { path: file, file: opened, close: () => proxy.closeFile() };
  } catch (error) {
    proxy.closeFile();
    throw new UserError(`${file}: cannot open as ROOT file (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
}
