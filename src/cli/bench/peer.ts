import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** Debian's python, where the peers (python3-torch, -pandas, -sklearn, -scipy) live. */
const PYTHON = '/usr/bin/python3';

/** The folder of the peer scripts: bench/peers beside dist/. */
export const PEERS = path.join(__dirname, '..', 'bench', 'peers');

/** Runs a peer script; its last stdout line is JSON. Undefined (with the reason) when it cannot run. */
export function runPeer<T>(script: string, args: string[], input?: string): { result?: T; reason?: string } {
  const run = spawnSync(PYTHON, [path.join(PEERS, script), ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 900_000 });
  if (run.error) return { reason: `${PYTHON} not found` };
  if (run.status !== 0) return { reason: (run.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 200) };
  const lines = run.stdout.trim().split('\n');
  return { result: JSON.parse(lines[lines.length - 1]) as T };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
