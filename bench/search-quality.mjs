// Search quality benchmark: gpMinimize vs random search vs Optuna's TPE (Debian python3-optuna)
// on standard test functions; mean best value over seeds after 30 and 60 calls (lower is better).
// Usage: npm run build && node bench/search-quality.mjs [--seeds 10] [--calls 60] [--json]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { gpMinimize, randomSearch } = createRequire(import.meta.url)(join(here, '..', 'dist', 'core.js'));
const { values: args } = parseArgs({ options: { seeds: { type: 'string', default: '10' }, calls: { type: 'string', default: '60' }, only: { type: 'string' } } });
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => i);
const CALLS = Number(args.calls);

const H3 = { A: [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]], P: [[0.3689, 0.117, 0.2673], [0.4699, 0.4387, 0.747], [0.1091, 0.8732, 0.5547], [0.03815, 0.5743, 0.8828]] };
const H6 = {
  A: [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]],
  P: [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991], [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]],
};
const ALPHA = [1.0, 1.2, 3.0, 3.2];
const hartmann = ({ A, P }) => (x) => -ALPHA.reduce((s, a, i) => s + a * Math.exp(-x.reduce((t, v, j) => t + A[i][j] * (v - P[i][j]) ** 2, 0)), 0);

const FUNCTIONS = {
  branin: {
    dims: [[-5, 10], [0, 15]],
    minimum: 0.397887,
    f: ([x, y]) => (y - (5.1 / (4 * Math.PI ** 2)) * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10,
  },
  hartmann3: { dims: [[0, 1], [0, 1], [0, 1]], minimum: -3.86278, f: hartmann(H3) },
  hartmann6: { dims: Array(6).fill([0, 1]), minimum: -3.32237, f: hartmann(H6) },
  camel: { dims: [[-3, 3], [-2, 2]], minimum: -1.0316, f: ([a, b]) => (4 - 2.1 * a * a + a ** 4 / 3) * a * a + a * b + (-4 + 4 * b * b) * b * b },
};

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const bestAfter = (values, n) => Math.min(...values.slice(0, n));

function optunaPeer(name, dims) {
  const result = spawnSync('/usr/bin/python3', [join(here, 'peers', 'optuna_tpe.py')], { input: JSON.stringify({ function: name, dims, seeds: SEEDS, calls: CALLS }), encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return JSON.parse(result.stdout);
}

for (const [name, { dims, minimum, f }] of Object.entries(FUNCTIONS)) {
  if (args.only && args.only !== name) continue;
  const dimensions = dims.map(([low, high]) => ({ type: 'real', low, high }));
  const gp = { best30: [], best60: [] };
  const random = { best30: [], best60: [] };
  const started = performance.now();
  for (const seed of SEEDS) {
    const g = await gpMinimize(f, dimensions, { nCalls: CALLS, nInitialPoints: 10, acqFunc: 'EI', initialPointGenerator: 'sobol', randomState: seed });
    gp.best30.push(bestAfter(g.funcVals, 30));
    gp.best60.push(bestAfter(g.funcVals, CALLS));
    const r = await randomSearch(f, dimensions, { nCalls: CALLS, randomState: seed });
    random.best30.push(bestAfter(r.funcVals, 30));
    random.best60.push(bestAfter(r.funcVals, CALLS));
  }
  const gpSeconds = (performance.now() - started) / 1000;
  const tpe = optunaPeer(name, dims);
  const row = {
    bench: 'search-quality', function: name, minimum, seeds: SEEDS.length, calls: CALLS,
    gp_30: mean(gp.best30), gp_60: mean(gp.best60),
    random_30: mean(random.best30), random_60: mean(random.best60),
    tpe_30: tpe ? mean(tpe.best30) : null, tpe_60: tpe ? mean(tpe.best60) : null,
    seconds_gp_and_random: Number(gpSeconds.toFixed(1)),
  };
  row.gp_beats_random = row.gp_30 < row.random_30 && row.gp_60 < row.random_60;
  row.gp_matches_or_beats_tpe = tpe ? row.gp_30 <= row.tpe_30 && row.gp_60 <= row.tpe_60 : null;
  console.log(JSON.stringify(row));
}
