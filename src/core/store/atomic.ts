import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringifyJson } from './jsonCodec';

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function fsyncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(directory, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a file so that readers see the old content or the new, never a part: temp, fsync, rename. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const temporary = temporaryName(target);
  const fd = fs.openSync(temporary, 'w', 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDirectory(path.dirname(target));
}

/** Writes JSON atomically, keeping NaN, +-Infinity and -0 (see jsonCodec). */
export function writeJsonAtomic(target: string, value: unknown): void {
  writeFileAtomic(target, stringifyJson(value, 2) + '\n');
}

/**
 * Fills a new directory through `fill`, then puts it at `target` in one rename. A previous
 * `target` is kept until the new one is complete, then removed.
 */
export async function writeDirectoryAtomic(target: string, fill: (directory: string) => Promise<void> | void): Promise<void> {
  const temporary = temporaryName(target);
  fs.mkdirSync(temporary, { recursive: true });
  try {
    await fill(temporary);
    for (const name of fs.readdirSync(temporary)) {
      const fd = fs.openSync(path.join(temporary, name), 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    const previous = fs.existsSync(target) ? temporaryName(target) : undefined;
    if (previous) fs.renameSync(target, previous);
    fs.renameSync(temporary, target);
    fsyncDirectory(path.dirname(target));
    if (previous) fs.rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
