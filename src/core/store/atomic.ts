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

/**
 * Writes a large file in pieces (`write` calls `put` as often as it likes) so that readers see
 * the old content or the new: temp, fsync, rename. The temp file is removed if `write` throws.
 */
export async function writeStreamAtomic(target: string, write: (put: (data: string | Uint8Array) => void) => void | Promise<void>): Promise<void> {
  const temporary = temporaryName(target);
  const fd = fs.openSync(temporary, 'w', 0o644);
  try {
    await write((data) => {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    });
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed before the rename failed.
    }
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
 * Fills a new directory through `fill`, then makes `target` point at it in one atomic step:
 * `target` is a symbolic link to a versioned folder beside it, replaced by renaming a new link
 * over it. At every instant `target` is the old complete version or the new complete one.
 */
export async function writeDirectoryAtomic(target: string, fill: (directory: string) => Promise<void> | void): Promise<void> {
  const parent = path.dirname(target);
  const version = `${path.basename(target)}.v${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const directory = path.join(parent, version);
  fs.mkdirSync(directory, { recursive: true });
  try {
    await fill(directory);
    for (const name of fs.readdirSync(directory)) {
      const fd = fs.openSync(path.join(directory, name), 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    fsyncDirectory(directory);
    let legacy: string | undefined;
    if (fs.existsSync(target) && !fs.lstatSync(target).isSymbolicLink()) {
      // An older store kept a real folder here: move it aside first (a link cannot replace it).
      legacy = temporaryName(target);
      fs.renameSync(target, legacy);
    }
    const link = temporaryName(target);
    fs.symlinkSync(version, link);
    fs.renameSync(link, target);
    fsyncDirectory(parent);
    // The previous version, and any left by a save that was killed, are no longer reachable.
    const prefix = `${path.basename(target)}.v`;
    for (const name of fs.readdirSync(parent)) {
      if (name.startsWith(prefix) && name !== version) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
    if (legacy) fs.rmSync(legacy, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
