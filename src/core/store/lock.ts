import * as fs from 'node:fs';
import * as os from 'node:os';
import { UserError } from '../util/errors';

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a run's lock, or undefined when nobody does (or the file is unreadable). */
export function readLockOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * An exclusive lock on a run folder held by one live process. A lock left by a dead process
 * on this host is reclaimed; one held from another host is refused (we cannot see its pid).
 */
export class RunLock {
  private constructor(private readonly file: string) {}

  static acquire(file: string): RunLock {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        const owner: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
        fs.writeSync(fd, JSON.stringify(owner));
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        return new RunLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readLockOwner(file);
      if (owner && (owner.host !== os.hostname() || isAlive(owner.pid))) {
        throw new UserError(`${file}: this run is in use by process ${owner.pid} on ${owner.host} since ${owner.started}; stop it first, or wait for it to finish.`);
      }
      // The holder is dead (or the lock is unreadable garbage): reclaim it.
      fs.rmSync(file, { force: true });
    }
    throw new UserError(`${file}: could not take the run lock; another process keeps taking it.`);
  }

  release(): void {
    fs.rmSync(this.file, { force: true });
  }
}
