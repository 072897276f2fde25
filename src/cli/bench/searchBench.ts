import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gpMinimize } from '../../core/search/minimize';
import type { BenchOptions } from './metricsBench';
import { alternate, peerFields, runPeer } from './peer';
import { pruneBenches } from './pruneBench';

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

const EXAMPLE = path.join(__dirname, '..', 'examples', 'higgs');
/** Epochs of the short-fit variant: fits of ~0.07 s, where start-up and the refit weigh. */
const SHORT_EPOCHS = 4;

/** Seconds of `hepml search` on that config with that many workers, run in `workspace`. */
function gridWall(config: string, workspace: string, jobs: number): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'search', config, '--jobs', String(jobs), '--json'], { encoding: 'utf8', cwd: workspace });
  if (run.status !== 0) throw new Error(`grid search failed: ${run.stderr.trim().split('\n').pop()}`);
  return (performance.now() - started) / 1000;
}

/**
 * The example's grid (45 fits + refit) with 1 and 2 workers, as shipped (50 epochs: fits of
 * ~0.5 s; the talk's took ~20 s) and with short fits (4 epochs), in a scratch workspace.
 */
function gridBenches(emit: BenchOptions['emit']): void {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-bench-grid-'));
  try {
    fs.copyFileSync(path.join(EXAMPLE, 'Higgs_data.root'), path.join(workspace, 'Higgs_data.root'));
    const shipped = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'grid.hepml.json'), 'utf8')) as { training: { epochs: number } };
    const variants = [
      { what: 'examples/higgs/grid.hepml.json as shipped (45 fits + refit)', config: shipped },
      { what: `the same grid with short fits (${SHORT_EPOCHS} epochs)`, config: { ...shipped, training: { ...shipped.training, epochs: SHORT_EPOCHS } } },
    ];
    variants.forEach((variant, i) => {
      const file = path.join(workspace, `grid-${i}.hepml.json`);
      fs.writeFileSync(file, JSON.stringify({ ...variant.config, $schema: undefined }, null, 2));
      const one = gridWall(file, workspace, 1);
      const two = gridWall(file, workspace, 2);
      emit({ bench: 'search', what: variant.what, epochs: variant.config.training.epochs, workers_1_seconds: Number(one.toFixed(1)), workers_2_seconds: Number(two.toFixed(1)), ratio_2_over_1: Number((two / one).toFixed(2)) });
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
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
  gridBenches(emit);
  pruneBenches(rounds, emit);
}

/** `hepml bench prune`: only the pruned-vs-unpruned searches (also part of `hepml bench search`). */
export async function pruneBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  // Two short rounds of the bayes pair make the quick run a smoke test of the whole path.
  pruneBenches(quick ? 1 : rounds, emit, quick ? 1 : undefined);
}
