import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import type { EpochRecord, RunRecord, TrainSummary } from '../../shared/run';
import type { BenchOptions } from './metricsBench';
import { runPeer } from './peer';
import { SCALE_FEATURES, scaleCacheFolder, scaleCsv, scaleRoot } from './scaleData';
import { RUN } from '../../core/store/runLayout';

// `hepml bench scale`: hepml train on 1M, 3M and 10M generated events x 30 features (one epoch
// of the reference-sized network) in a child process, with the seconds of each phase from its
// run.json and the child's peak resident memory; pandas' read of the same CSV beside the read.

const SIZES = [1_000_000, 3_000_000, 10_000_000];
const QUICK_SIZES = [50_000];
const CLI = path.join(__dirname, '..', 'bin', 'hepml.js');

function benchConfig(dataFile: string): HepmlConfig {
  return {
    name: 'scale',
    data: {
      sources: [{ path: path.basename(dataFile), ...(dataFile.endsWith('.root') ? { tree: 'events' } : {}) }],
      features: Array.from({ length: SCALE_FEATURES }, (_, f) => `f${f}`),
      label: { column: 'label', map: { '1': 'signal', '0': 'background' } },
    },
    model: { hidden: { layers: 3, units: 300 } },
    training: { epochs: 1, batchSize: 128, earlyStopping: false },
  };
}

interface ScaleRun {
  record: RunRecord;
  epoch: EpochRecord;
}

/** hepml train in a child process on the data file; its run record and epoch. */
function trainChild(dataFile: string): ScaleRun | { error: string } {
  const folder = path.dirname(dataFile);
  const configFile = path.join(folder, `scale-${path.basename(dataFile).replace(/\W+/g, '-')}.hepml.json`);
  fs.writeFileSync(configFile, JSON.stringify(benchConfig(dataFile)));
  const runs = path.join(folder, 'runs');
  const child = spawnSync(process.execPath, ['--max-old-space-size=16384', CLI, 'train', configFile, '--json'], { cwd: folder, encoding: 'utf8', env: { ...process.env, HEPML_RUNS_DIR: runs }, maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) return { error: (child.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 300) };
  const summary = JSON.parse(child.stdout.trim().split('\n').pop()!) as TrainSummary;
  const record = JSON.parse(fs.readFileSync(path.join(summary.runDir, RUN.record.name), 'utf8')) as RunRecord;
  const [epoch] = JSON.parse(fs.readFileSync(path.join(summary.runDir, RUN.history.name), 'utf8')) as EpochRecord[];
  fs.rmSync(runs, { recursive: true, force: true });
  return { record, epoch };
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** The sizes and formats to run: HEPML_BENCH_SCALE_SIZES and _FORMATS (comma-separated) choose others. */
function plan(quick: boolean): { sizes: number[]; formats: string[] } {
  const list = (name: string) => process.env[name]?.split(',').map((v) => v.trim()).filter(Boolean);
  return { sizes: list('HEPML_BENCH_SCALE_SIZES')?.map(Number) ?? (quick ? QUICK_SIZES : SIZES), formats: list('HEPML_BENCH_SCALE_FORMATS') ?? ['csv', 'root'] };
}

export async function scaleBench({ quick, emit }: BenchOptions): Promise<void> {
  const { sizes, formats } = plan(quick);
  for (const events of sizes) for (const format of formats) scaleFigure(events, format, emit);
}

/** One hepml train on `events` generated events read from a CSV or a ROOT file, as one JSON line. */
function scaleFigure(events: number, format: string, emit: BenchOptions['emit']): void {
  const generated = performance.now();
  const file = format === 'root' ? scaleRoot(events) : scaleCsv(events);
  const generationSeconds = (performance.now() - generated) / 1000;
  const run = trainChild(file);
  // pandas reads the CSV: the peer of a CSV read (a ROOT read has none among the Debian peers).
  const peer = format === 'csv' ? runPeer<{ seconds: number; rows: number }>('csv_pandas.py', [file]) : { reason: 'no ROOT reader among the Debian peers' };
  const featureMegabytes = (events * SCALE_FEATURES * 4) / 1e6;
  const base = { bench: 'scale', format, events, features: SCALE_FEATURES, file_mb: round(fs.statSync(file).size / 1e6), feature_data_mb: round(featureMegabytes), network: '30-300-300-300-1, batch 128', cache: scaleCacheFolder(), generated_s: round(generationSeconds) };
  if ('error' in run) return emit({ ...base, error: run.error });
  const t = run.record.timings ?? {};
  const total = run.record.seconds ?? 0;
  const outside = total - run.epoch.seconds;
  const peerSeconds = 'result' in peer && peer.result ? peer.result.seconds : undefined;
  emit({
    ...base,
    read_s: round(t.read ?? NaN), prepare_s: round(t.prepare ?? NaN), epoch_s: round(run.epoch.seconds), train_phase_s: round(t.train ?? NaN),
    diagnostics_s: round(t.diagnostics ?? NaN), save_s: round(t.save ?? NaN), report_s: round(t.report ?? NaN), total_s: round(total),
    outside_epoch_s: round(outside), outside_over_epoch: round(outside / run.epoch.seconds, 2),
    peak_rss_mb: run.record.peakRssMB, rss_over_features: round((run.record.peakRssMB ?? NaN) / featureMegabytes, 2),
    test_auc: round(run.record.metrics?.auc ?? NaN, 4),
    peer: format === 'csv' ? 'pandas.read_csv' : null, peer_read_s: peerSeconds === undefined ? null : round(peerSeconds),
    ...(peer.reason ? { peer_missing: peer.reason } : {}),
    ...(peerSeconds === undefined ? {} : { read_speedup_vs_peer: round(peerSeconds / (t.read ?? NaN), 2) }),
  });
}
