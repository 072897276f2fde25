import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HepmlConfig, PrunerConfig } from '../../shared/config';
import type { SearchSummary } from '../../shared/search';
import type { BenchOptions } from './metricsBench';
import { median } from './peer';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'higgs');

/** The searches of issue 15: each with its pruner and without, same seeds. */
const PAIRS: { what: string; file: string; pruner: PrunerConfig }[] = [
  { what: 'examples/higgs/bayes.hepml.json (10 calls, 4 epochs)', file: 'bayes.hepml.json', pruner: { type: 'asha' } },
  { what: 'examples/higgs/random.hepml.json (30 calls, 20 epochs)', file: 'random.hepml.json', pruner: { type: 'median' } },
];

interface Outcome {
  seconds: number;
  best: number;
  bestStd: number;
  pruned: number;
}

/** Wall seconds and best CV score of `hepml search` on a config, in `workspace`. */
function searchOnce(config: HepmlConfig, file: string, workspace: string): Outcome {
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'search', file, '--json', '--jobs', '2'], { encoding: 'utf8', cwd: workspace });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`search failed: ${run.stderr.trim().split('\n').pop()}`);
  const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as SearchSummary;
  return { seconds, best: summary.best?.score ?? NaN, bestStd: summary.best?.std ?? NaN, pruned: summary.pruned };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * Each pair's search with and without its pruner, seeds 0..rounds-1 (the same seed for both, run
 * one after the other so that the machine's load falls on both): wall time ratio and best scores.
 */
export function pruneBenches(rounds: number, emit: BenchOptions['emit'], pairs = PAIRS.length): void {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-bench-prune-'));
  try {
    fs.copyFileSync(path.join(EXAMPLE, 'Higgs_data.root'), path.join(workspace, 'Higgs_data.root'));
    for (const pair of PAIRS.slice(0, pairs)) {
      const shipped = JSON.parse(fs.readFileSync(path.join(EXAMPLE, pair.file), 'utf8')) as HepmlConfig;
      const pruned: Outcome[] = [];
      const unpruned: Outcome[] = [];
      for (let seed = 0; seed < rounds; seed++) {
        const search = { ...shipped.search!, randomState: seed };
        pruned.push(searchOnce({ ...shipped, search: { ...search, pruner: pair.pruner } }, path.join(workspace, `pruned-${seed}.hepml.json`), workspace));
        unpruned.push(searchOnce({ ...shipped, search: { ...search, pruner: { type: 'none' } } }, path.join(workspace, `unpruned-${seed}.hepml.json`), workspace));
        emit({ bench: 'search', what: `${pair.what}, seed ${seed}`, pruner: pair.pruner.type, pruned_seconds: round(pruned[seed].seconds, 1), unpruned_seconds: round(unpruned[seed].seconds, 1), trials_pruned: pruned[seed].pruned, pruned_best: round(pruned[seed].best, 4), unpruned_best: round(unpruned[seed].best, 4), unpruned_best_std: round(unpruned[seed].bestStd, 4) });
      }
      const ratio = median(pruned.map((p, i) => p.seconds / unpruned[i].seconds));
      const gap = mean(unpruned.map((u) => u.best)) - mean(pruned.map((p) => p.best));
      const std = mean(unpruned.map((u) => u.bestStd));
      emit({
        bench: 'search', what: `${pair.what}: pruner ${pair.pruner.type} vs none, ${rounds} seeds`, median_wall_ratio: round(ratio, 2), wall_ratio_at_most_0_5: ratio <= 0.5,
        mean_best_pruned: round(mean(pruned.map((p) => p.best)), 4), mean_best_unpruned: round(mean(unpruned.map((u) => u.best)), 4), unpruned_best_cv_std: round(std, 4), best_within_one_std: gap <= std,
      });
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
