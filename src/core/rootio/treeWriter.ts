import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ByteWriter, tstring } from './byteWriter';
import { BEGIN, BIG_FILE, keyHeader, keyLength, rootDatime } from './keys';
import { rootZip, type Deflate } from './rootZip';
import { STREAMER_INFO_BASE64, STREAMER_INFO_KEYLEN } from './streamerInfoBlob';
import { LEAF_TYPES, serializeTree, type BasketRecord, type BranchRecord, type LeafType } from './treeStreamer';

// Writes a ROOT file holding one TTree of flat numeric branches, streaming: baskets are written
// as the entries come, the tree's metadata at the end. The layout, class versions and the
// StreamerInfo follow files ROOT wrote (see ../../../docs/root-files.md). Files past 2e9 bytes
// get ROOT's 64-bit seeks. Written to a temporary name and renamed when closed.

/** ROOT file header version: the release that wrote the embedded StreamerInfo (6.22/08). */
const ROOT_VERSION = 62208;
/** jsroot reads at most a million entries into a tree's last basket: never write more. */
export const MAX_BASKET_ENTRIES = 1_000_000;
const STREAMER_INFO = Buffer.from(STREAMER_INFO_BASE64, 'base64');
const FILE_TITLE = '';

export interface BranchSpec {
  name: string;
  type: LeafType['letter'];
}

/** The file as a whole. */
export interface RootFileOptions {
  /** zlib level 0 (none) to 9. */
  compression?: number;
  /** Fixed date and UUID, for byte-reproducible files (tests). */
  fixed?: { date: Date; uuid: Buffer };
  /** Write 64-bit seeks even in a small file (tests of the large-file layout). */
  forceWide?: boolean;
  /** The zlib compressor (node's by default; tests compare bytes with another zlib's output). */
  deflate?: Deflate;
}

/** One tree of the file. */
export interface TreeSpec {
  treeName: string;
  treeTitle?: string;
  branches: BranchSpec[];
  /** Entries per basket (every branch shares them); at most MAX_BASKET_ENTRIES. */
  basketEntries?: number;
}

export type TreeWriterOptions = RootFileOptions & TreeSpec;

/** Values as ROOT stores them: big-endian, in the leaf's type (typed arrays and a byte swap). */
function encode(type: LeafType, values: ArrayLike<number>, from: number, to: number): Buffer {
  const n = to - from;
  const part = ArrayBuffer.isView(values) ? (values as unknown as Float64Array).subarray(from, to) : Array.prototype.slice.call(values, from, to);
  const bytes = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  switch (type.letter) {
    case 'F':
      return bytes(Float32Array.from(part)).swap32();
    case 'D':
      return bytes(Float64Array.from(part)).swap64();
    case 'I':
      return bytes(Int32Array.from(part)).swap32();
    case 'L':
      return bytes(BigInt64Array.from(part, (v) => BigInt(Math.trunc(v)))).swap64();
    case 'O':
      return bytes(Uint8Array.from(part, (v) => (v ? 1 : 0)));
    case 'b':
      return bytes(Uint8Array.from(part, (v) => v & 0xff));
  }
  throw new Error(`no encoding for ${String(n)} values of type ${type.letter as string}`);
}

/** One tree being written: its branches, the entries waiting for baskets, the baskets written. */
export class TreeBuilder {
  readonly branches: BranchRecord[];
  /** Entries waiting for a basket, per branch. */
  private pending: { values: ArrayLike<number>; from: number; to: number }[][];
  private pendingEntries = 0;
  entries = 0;
  private readonly basketEntries: number;

  constructor(
    private readonly file: RootFileWriter,
    readonly spec: TreeSpec,
  ) {
    this.basketEntries = Math.min(MAX_BASKET_ENTRIES, spec.basketEntries ?? 100_000);
    this.branches = spec.branches.map((b) => ({ name: b.name, type: LEAF_TYPES[b.type], baskets: [], largest: 0 }));
    this.pending = this.branches.map(() => []);
  }

  /** Appends `count` entries: one array of values per branch, in the branches' order. */
  append(columns: ArrayLike<number>[], count: number): void {
    if (columns.length !== this.branches.length) throw new Error(`${columns.length} columns for ${this.branches.length} branches`);
    let from = 0;
    while (from < count) {
      const take = Math.min(count - from, this.basketEntries - this.pendingEntries);
      columns.forEach((values, b) => this.pending[b].push({ values, from, to: from + take }));
      this.pendingEntries += take;
      from += take;
      if (this.pendingEntries === this.basketEntries) this.flush();
    }
  }

  /** Writes one basket per branch holding the pending entries (every branch the same entry range). */
  flush(): void {
    if (this.pendingEntries === 0) return;
    this.branches.forEach((branch, b) => {
      const raw = Buffer.concat(this.pending[b].map((part) => encode(branch.type, part.values, part.from, part.to)));
      const basket = this.file.writeBasket(branch, this.spec.treeName, raw, this.pendingEntries);
      branch.baskets.push(basket);
      branch.largest = Math.max(branch.largest, raw.length);
    });
    this.entries += this.pendingEntries;
    this.pending = this.branches.map(() => []);
    this.pendingEntries = 0;
  }
}

/**
 * A streaming writer of a ROOT file holding one or more TTrees: baskets are written as the
 * entries come, the trees' metadata and the directory at the end.
 */
export class RootFileWriter {
  private readonly fd: number;
  private readonly temporary: string;
  private position = BEGIN;
  private readonly datime: number;
  private readonly uuid: Buffer;
  private readonly compression: number;
  private readonly trees: TreeBuilder[] = [];
  private streamerInfoSeek = 0;
  private streamerInfoBytes = 0;
  private closed = false;

  constructor(
    private readonly target: string,
    private readonly options: RootFileOptions = {},
  ) {
    this.compression = options.compression ?? 0;
    this.datime = rootDatime(options.fixed?.date ?? new Date());
    this.uuid = options.fixed?.uuid ?? randomBytes(16);
    this.temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = fs.openSync(this.temporary, 'w', 0o644);
    this.position = BEGIN + this.fileRecordLength();
    this.writeStreamerInfo();
  }

  /** A new tree in the file (its name must be new). */
  addTree(spec: TreeSpec): TreeBuilder {
    if (this.trees.some((t) => t.spec.treeName === spec.treeName)) throw new Error(`the file already has a tree "${spec.treeName}"`);
    const tree = new TreeBuilder(this, spec);
    this.trees.push(tree);
    return tree;
  }

  private get fileName(): string {
    return path.basename(this.target);
  }

  private get compressSetting(): number {
    return 100 + this.compression;
  }

  private write(data: Uint8Array, at = this.position): void {
    if (this.closed) throw new Error('the ROOT file is closed');
    let done = 0;
    while (done < data.length) done += fs.writeSync(this.fd, data, done, data.length - done, at + done);
    if (at === this.position) this.position += data.length;
  }

  private fileRecordLength(): number {
    return keyLength('TFile', this.fileName, FILE_TITLE, false) + tstring(this.fileName).length + tstring(FILE_TITLE).length + 60;
  }

  private writeStreamerInfo(): void {
    this.streamerInfoSeek = this.position;
    const keylen = keyLength('TList', 'StreamerInfo', 'Doubly linked list', false);
    if (keylen !== STREAMER_INFO_KEYLEN) throw new Error(`the StreamerInfo key is ${keylen} bytes; its payload needs ${STREAMER_INFO_KEYLEN}`);
    // ROOT compresses the StreamerInfo (level 1) even in uncompressed files.
    const data = rootZip(STREAMER_INFO, 1, this.options.deflate) ?? STREAMER_INFO;
    this.streamerInfoBytes = keylen + data.length;
    this.write(keyHeader({ nbytes: this.streamerInfoBytes, objlen: STREAMER_INFO.length, keylen, cycle: 1, seekKey: this.position, seekPdir: BEGIN, className: 'TList', name: 'StreamerInfo', title: 'Doubly linked list', wide: false, datime: this.datime }));
    this.write(data);
  }

  /** Writes one basket of a branch (a wide key, as ROOT always writes them); returns where it is. */
  writeBasket(branch: BranchRecord, treeName: string, raw: Buffer, entries: number): BasketRecord {
    const keylen = keyLength('TBasket', branch.name, treeName, true, 19);
    const stored = rootZip(raw, this.compression, this.options.deflate) ?? raw;
    const nbytes = keylen + stored.length;
    const last = keylen + raw.length;
    const extra = new ByteWriter().i16(3).i32(Math.max(32000, last)).i32(branch.type.size).i32(entries).i32(last).u8(0).toBuffer();
    const seek = this.position;
    this.write(keyHeader({ nbytes, objlen: raw.length, keylen, cycle: branch.baskets.length, seekKey: seek, seekPdir: BEGIN, className: 'TBasket', name: branch.name, title: treeName, wide: true, datime: this.datime, extra }));
    this.write(stored);
    return { seek, nbytes, last, entries };
  }

  private wide(): boolean {
    return this.options.forceWide === true || this.position > BIG_FILE;
  }

  /** A tree's record; returns its key header (the KeysList repeats it). */
  private writeTree(tree: TreeBuilder): Buffer {
    const name = tree.spec.treeName;
    const title = tree.spec.treeTitle ?? '';
    const wide = this.wide();
    const keylen = keyLength('TTree', name, title, wide);
    const payload = serializeTree(keylen, name, title, tree.branches, tree.entries, this.compressSetting);
    // TKey compresses an object only when it is larger than 256 bytes.
    const stored = (payload.length > 256 ? rootZip(payload, this.compression, this.options.deflate) : undefined) ?? payload;
    const header = keyHeader({ nbytes: keylen + stored.length, objlen: payload.length, keylen, cycle: 1, seekKey: this.position, seekPdir: BEGIN, className: 'TTree', name, title, wide, datime: this.datime });
    this.write(header);
    this.write(stored);
    return header;
  }

  private writeDirectoryRecord(payload: Buffer): { seek: number; nbytes: number } {
    const wide = this.wide();
    const keylen = keyLength('TFile', this.fileName, FILE_TITLE, wide);
    const seek = this.position;
    const nbytes = keylen + payload.length;
    this.write(keyHeader({ nbytes, objlen: payload.length, keylen, cycle: 1, seekKey: seek, seekPdir: BEGIN, className: 'TFile', name: this.fileName, title: FILE_TITLE, wide, datime: this.datime }));
    this.write(payload);
    return { seek, nbytes };
  }

  /** One free segment from the file's end: narrow [fEND, 2e9], or past 2e9 the next multiple of 1e9. */
  private freeSegments(): { seek: number; nbytes: number; end: number } {
    const keylen = keyLength('TFile', this.fileName, FILE_TITLE, this.wide());
    const narrowEnd = this.position + keylen + 10;
    const narrow = this.options.forceWide !== true && narrowEnd < BIG_FILE;
    const end = narrow ? narrowEnd : this.position + keylen + 18;
    const payload = narrow ? new ByteWriter().i16(1).i32(end).i32(BIG_FILE).toBuffer() : new ByteWriter().i16(1001).i64(end).i64(Math.max(2, Math.floor(end / 1e9) + 1) * 1e9).toBuffer();
    const { seek, nbytes } = this.writeDirectoryRecord(payload);
    return { seek, nbytes, end };
  }

  private writeFileRecord(keysList: { seek: number; nbytes: number }): number {
    const keylen = keyLength('TFile', this.fileName, FILE_TITLE, false);
    const names = Buffer.concat([tstring(this.fileName), tstring(FILE_TITLE)]);
    const nbytesName = keylen + names.length;
    const wide = this.options.forceWide === true || keysList.seek > BIG_FILE;
    const directory = new ByteWriter().i16(wide ? 1005 : 5).u32(this.datime).u32(this.datime).i32(keysList.nbytes).i32(nbytesName);
    if (wide) directory.i64(BEGIN).i64(0).i64(keysList.seek);
    else directory.i32(BEGIN).i32(0).i32(keysList.seek);
    directory.u16(1).bytes(this.uuid);
    if (!wide) directory.bytes(Buffer.alloc(12));
    const objlen = names.length + 60;
    const header = keyHeader({ nbytes: keylen + objlen, objlen, keylen, cycle: 1, seekKey: BEGIN, seekPdir: 0, className: 'TFile', name: this.fileName, title: FILE_TITLE, wide: false, datime: this.datime });
    this.write(Buffer.concat([header, names, directory.toBuffer()]), BEGIN);
    return nbytesName;
  }

  private writeFileHeader(free: { seek: number; nbytes: number; end: number }, nbytesName: number): void {
    const big = this.options.forceWide === true || free.end > BIG_FILE;
    const header = new ByteWriter().bytes(Buffer.from('root', 'latin1')).i32(ROOT_VERSION + (big ? 1_000_000 : 0)).i32(BEGIN);
    if (big) header.i64(free.end).i64(free.seek);
    else header.i32(free.end).i32(free.seek);
    header.i32(free.nbytes).i32(1).i32(nbytesName).u8(big ? 8 : 4).i32(this.compressSetting);
    if (big) header.i64(this.streamerInfoSeek);
    else header.i32(this.streamerInfoSeek);
    header.i32(this.streamerInfoBytes).u16(1).bytes(this.uuid);
    const bytes = header.toBuffer();
    this.write(Buffer.concat([bytes, Buffer.alloc(BEGIN - bytes.length)]), 0);
  }

  /** Writes the trees' metadata and the directory, then renames the file into place. */
  close(): void {
    if (this.closed) return;
    try {
      for (const tree of this.trees) tree.flush();
      const treeKeys = this.trees.map((tree) => this.writeTree(tree));
      const keysList = this.writeDirectoryRecord(Buffer.concat([new ByteWriter().i32(treeKeys.length).toBuffer(), ...treeKeys]));
      const free = this.freeSegments();
      const nbytesName = this.writeFileRecord(keysList);
      this.writeFileHeader(free, nbytesName);
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.closed = true;
      fs.renameSync(this.temporary, this.target);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Stops writing and removes the unfinished file; the target is left as it was. */
  abort(): void {
    if (!this.closed) {
      this.closed = true;
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already closed.
      }
    }
    fs.rmSync(this.temporary, { force: true });
  }
}

/** A file holding one tree (the common case, and the tests' golden files). */
export class RootTreeWriter {
  private readonly file: RootFileWriter;
  private readonly tree: TreeBuilder;

  constructor(target: string, options: TreeWriterOptions) {
    this.file = new RootFileWriter(target, options);
    this.tree = this.file.addTree(options);
  }

  append(columns: ArrayLike<number>[], count: number): void {
    this.tree.append(columns, count);
  }

  close(): void {
    this.file.close();
  }

  abort(): void {
    this.file.abort();
  }
}
