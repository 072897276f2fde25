import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeJsonAtomic } from './atomic';
import { isAlive } from './lock';

// The processes an extension host started (search drivers, training workers), one file per
// host, so that the next activation can tell its own orphans apart: a host that is gone left
// them; a pid is the same process only if its start time matches (pids are reused).

export interface TrackedProcess {
  pid: number;
  /** The kernel's start time of the process; a reused pid has another. */
  startTime: string;
  /** What it runs, for messages. */
  command: string;
}

interface RegistryFile {
  host: TrackedProcess;
  children: TrackedProcess[];
}

/** When process `pid` started (Linux: /proc/<pid>/stat field 22; elsewhere `ps -o lstart=`), or undefined if it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    if (process.platform === 'linux') return undefined;
    const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim() : undefined;
  }
}

/** Whether `tracked` still runs: the pid lives and started when it did. */
export function stillRuns(tracked: TrackedProcess): boolean {
  return isAlive(tracked.pid) && processStartTime(tracked.pid) === tracked.startTime;
}

function describe(pid: number, command: string): TrackedProcess | undefined {
  const startTime = processStartTime(pid);
  return startTime === undefined ? undefined : { pid, startTime, command };
}

/** This host's record of the processes it started. */
export class ProcessRegistry {
  private readonly file: string;
  private readonly contents: RegistryFile;

  constructor(directory: string, hostPid = process.pid) {
    fs.mkdirSync(directory, { recursive: true });
    this.file = path.join(directory, `host-${hostPid}.json`);
    this.contents = { host: describe(hostPid, 'extension host') ?? { pid: hostPid, startTime: '?', command: 'extension host' }, children: [] };
  }

  add(pid: number, command: string): void {
    const tracked = describe(pid, command);
    if (!tracked) return;
    this.contents.children.push(tracked);
    this.save();
  }

  remove(pid: number): void {
    this.contents.children = this.contents.children.filter((c) => c.pid !== pid);
    this.save();
  }

  private save(): void {
    if (this.contents.children.length === 0) fs.rmSync(this.file, { force: true });
    else writeJsonAtomic(this.file, this.contents);
  }
}

const GRACE_MS = 5000;

async function stop(tracked: TrackedProcess): Promise<void> {
  process.kill(tracked.pid, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  while (Date.now() < deadline) {
    if (!stillRuns(tracked)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (stillRuns(tracked)) process.kill(tracked.pid, 'SIGKILL');
}

/**
 * Stops the processes that hosts now gone left running (SIGTERM, SIGKILL after a grace period)
 * and forgets those hosts. Files of live hosts (other windows) are left alone.
 */
export async function reapOrphans(directory: string): Promise<TrackedProcess[]> {
  if (!fs.existsSync(directory)) return [];
  const reaped: TrackedProcess[] = [];
  for (const name of fs.readdirSync(directory).filter((n) => /^host-\d+\.json$/.test(n))) {
    const file = path.join(directory, name);
    let contents: RegistryFile;
    try {
      contents = JSON.parse(fs.readFileSync(file, 'utf8')) as RegistryFile;
    } catch {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (stillRuns(contents.host)) continue;
    for (const child of contents.children) {
      if (!stillRuns(child)) continue;
      await stop(child);
      reaped.push(child);
    }
    fs.rmSync(file, { force: true });
  }
  return reaped;
}
