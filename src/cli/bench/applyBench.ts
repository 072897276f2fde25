import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EpochRecord, TrainSummary } from '../../shared/run';
import type { BenchOptions } from './metricsBench';
import { scaleCacheFolder, scaleRoot } from './scaleData';
import { RUN } from '../../core/store/runLayout';

// hepml apply's throughput: the reference network (28-300-300-300-1) trained for one epoch on
// 100,000 generated events, then applied to 10,000,000 events of a ROOT file (friend tree
// written), beside the training throughput of the same run, each in a child process as a user
// runs them.

const CLI = path.join(__dirname, '..', 'bin', 'hepml.js');
const FEATURES = 28;

function run(args: string[], cwd: string): string {
  const child = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HEPML_RUNS_DIR: path.join(cwd, 'runs') } });
  if (child.status !== 0) throw new Error(`hepml ${args[0]} failed: ${child.stderr.trim().split('\n').pop()}`);
  return child.stdout;
}

export async function applyBench({ quick, emit }: BenchOptions): Promise<void> {
  const events = quick ? 50_000 : 10_000_000;
  const trainingFile = scaleRoot(quick ? 50_000 : 1_000_000);
  const input = scaleRoot(events);
  const folder = fs.mkdtempSync(path.join(scaleCacheFolder(), 'apply-'));
  try {
    const config = {
      name: 'apply-bench',
      data: { sources: [{ path: path.relative(folder, trainingFile), tree: 'events' }], features: Array.from({ length: FEATURES }, (_, f) => `f${f}`), label: { column: 'label', map: { '1': 'signal', '0': 'background' } } },
      split: { testSelection: 'entry % 5 == 0 || entry >= 100000' },
      model: { hidden: { layers: 3, units: 300 } },
      training: { epochs: 1, batchSize: 128, earlyStopping: false, validationFraction: 0 },
    };
    fs.writeFileSync(path.join(folder, 'bench.hepml.json'), JSON.stringify(config));
    const summary = JSON.parse(run(['train', 'bench.hepml.json', '--json', '--workspace', scaleCacheFolder()], folder).trim().split('\n').pop()!) as TrainSummary;
    const [epoch] = JSON.parse(fs.readFileSync(path.join(summary.runDir, RUN.history.name), 'utf8')) as EpochRecord[];
    const trained = quick ? 40_000 : 80_000;
    const applied = JSON.parse(run(['apply', summary.runDir, input, '--out', folder, '--json'], folder).trim().split('\n').pop()!) as { events: number; seconds: number };
    emit({
      bench: 'data', what: 'apply', network: '28-300-300-300-1', input: `${path.basename(input)} (ROOT, ${(fs.statSync(input).size / 1e9).toFixed(2)} GB)`, events: applied.events, seconds: Number(applied.seconds.toFixed(1)),
      apply_events_per_s: Math.round(applied.events / applied.seconds), training_events_per_s: Math.round(trained / epoch.seconds), note: 'apply: read, defines, scaler, forward pass and the friend tree written; training: one epoch of the same network',
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
