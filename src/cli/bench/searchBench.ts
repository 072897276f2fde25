import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { gpMinimize } from '../../core/search/minimize';
import type { BenchOptions } from './metricsBench';
import { alternate, peerFields, runPeer } from './peer';

const DIMENSIONS = 6;
const WARM_STEPS = 3;

/**
 * Seconds of the Bayesian step (GP fit + proposal) made after `observations` results, in a
 * search that has already made a few steps (warm code, as every step after the first is).
 */
async function bayesStep(observations: number): Promise<number> {
  const stamps: number[] = [];
  const dimensions = Array.from({ length: DIMENSIONS }, () => ({ type: 'real' as const, low: 0, high: 1 }));
  await gpMinimize(
    (x) => {
      stamps.push(performance.now());
      return (x as number[]).reduce((s, v, i) => s + (v - 0.1 * i) ** 2, 0);
    },
    dimensions,
    { nCalls: observations + 1, nInitialPoints: observations - WARM_STEPS, acqFunc: 'EI', randomState: 1 },
  );
  return (stamps[observations] - stamps[observations - 1]) / 1000;
}

function gridWall(jobs: number): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'search', path.join(__dirname, '..', 'examples', 'higgs', 'grid.hepml.json'), '--jobs', String(jobs), '--json'], { encoding: 'utf8', cwd: path.join(__dirname, '..') });
  if (run.status !== 0) throw new Error(`grid search failed: ${run.stderr.trim().split('\n').pop()}`);
  return (performance.now() - started) / 1000;
}

export async function searchBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  for (const observations of quick ? [30] : [30, 60, 120]) {
    const result = await alternate(rounds, () => bayesStep(observations), () => runPeer<{ seconds: number }>('gp_sklearn.py', [String(observations), String(DIMENSIONS)]), (peer) => peer.seconds);
    emit({
      bench: 'search', what: 'bayes step (GP fit + proposal over 10,000 candidates)', dimensions: DIMENSIONS, observations, seconds: result.ours,
      ...peerFields('sklearn GaussianProcessRegressor fit + predict', result, result.peer && result.peer / result.ours),
    });
  }
  if (quick) return;
  const one = gridWall(1);
  const two = gridWall(2);
  emit({ bench: 'search', what: 'examples/higgs/grid.hepml.json (45 fits + refit)', workers_1_seconds: Number(one.toFixed(1)), workers_2_seconds: Number(two.toFixed(1)), ratio_2_over_1: Number((two / one).toFixed(2)) });
}
