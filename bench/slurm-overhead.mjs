// Overhead per trial of the SLURM executor against local workers, on the same search.
// Needs a cluster: eval "$(bash test/slurm/cluster.sh start)"; then npm run build && node bench/slurm-overhead.mjs
// Both run one trial at a time (--jobs 1 / maxConcurrentJobs 1) so that wall time per trial is
// comparable; the difference is sbatch + scheduling + a fresh process (node, TensorFlow.js, the
// data read) per trial + the poll delay. Prints one JSON line per configuration.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'bin', 'hepml.js');
const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '6' }, events: { type: 'string', default: '2000' }, epochs: { type: 'string', default: '5' } } });
const TRIALS = Number(args.trials);

let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function workspace(execution) {
  seed = 7; // the same events for every configuration
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-slurm-bench-'));
  const rows = ['x1,x2,noise,label'];
  for (let i = 0; i < Number(args.events); i++) {
    const s = i % 2 === 0;
    rows.push(`${(gauss() + (s ? 1 : 0)).toFixed(4)},${(gauss() - (s ? 1 : 0)).toFixed(4)},${gauss().toFixed(4)},${s ? 's' : 'b'}`);
  }
  fs.writeFileSync(path.join(dir, 'events.csv'), rows.join('\n') + '\n');
  const config = {
    name: 'overhead',
    data: { sources: [{ path: 'events.csv' }], features: ['x1', 'x2', 'noise'], label: { column: 'label', map: { s: 'signal', b: 'background' } } },
    model: { hidden: { layers: 2, units: 32 } },
    training: { epochs: Number(args.epochs), batchSize: 64, learningRate: 0.01, validationFraction: 0, earlyStopping: false, seed: 1 },
    search: { method: 'random', nCalls: TRIALS, randomState: 1, cv: 3, refit: false, space: { 'training.learningRate': { type: 'real', low: 0.001, high: 0.05, prior: 'log-uniform' } } },
    execution,
  };
  fs.writeFileSync(path.join(dir, 'b.hepml.json'), JSON.stringify(config, null, 2));
  return dir;
}

function timeSearch(label, execution, extra = []) {
  const dir = workspace(execution);
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, 'search', 'b.hepml.json', '--json', ...extra], { cwd: dir, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${label}: ${result.stderr}`);
  const summary = JSON.parse(result.stdout.trim().split('\n').pop());
  return { label, seconds: +seconds.toFixed(2), perTrial: +(seconds / TRIALS).toFixed(3), best: summary.best.score };
}

const local = timeSearch('local, 1 worker', { backend: 'local' }, ['--jobs', '1']);
console.log(JSON.stringify({ bench: 'slurm-overhead', trials: TRIALS, ...local }));
for (const pollInterval of [0.5, 2, 5]) {
  const slurm = timeSearch(`slurm, 1 job at a time, poll ${pollInterval}s`, { backend: 'slurm', maxConcurrentJobs: 1, pollInterval });
  console.log(JSON.stringify({ bench: 'slurm-overhead', trials: TRIALS, ...slurm, overheadPerTrial: +(slurm.perTrial - local.perTrial).toFixed(3), sameBest: slurm.best === local.best }));
}
