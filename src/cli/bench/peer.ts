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

export interface Alternated {
  /** Median of our figure and of the peer's (undefined when the peer could not run). */
  ours: number;
  peer?: number;
  reason?: string;
}

/** Runs ours and the peer in turn, `rounds` times each, so both see the same machine state. */
export async function alternate<T>(rounds: number, ours: () => number | Promise<number>, peer: () => { result?: T; reason?: string }, figure: (result: T) => number): Promise<Alternated> {
  const mine: number[] = [];
  const theirs: number[] = [];
  let reason: string | undefined;
  for (let round = 0; round < rounds; round++) {
    mine.push(await ours());
    const run = peer();
    if (run.result) theirs.push(figure(run.result));
    else reason = run.reason;
  }
  return { ours: median(mine), peer: theirs.length ? median(theirs) : undefined, reason: theirs.length ? undefined : reason };
}

/** The peer fields of a figure: its value, the ratio, or why it is missing. */
export function peerFields(name: string, result: Alternated, ratio: number | undefined, key = 'peer_seconds'): Record<string, unknown> {
  return { peer: name, [key]: result.peer ?? null, ...(ratio === undefined ? {} : { [key === 'peer_seconds' ? 'speedup_vs_peer' : 'ratio_vs_peer']: Number(ratio.toFixed(3)) }), ...(result.reason ? { peer_missing: result.reason } : {}) };
}

/** Wall seconds of `work`. */
export function secondsOf(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** Wall seconds of asynchronous `work`. */
export async function secondsOfAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
