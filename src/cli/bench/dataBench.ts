import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCsv } from '../../core/data/csv';
import { inspectRoot, readRoot } from '../../core/data/root';
import type { BranchRequest } from '../../core/expr/chunks';
import { applyBench } from './applyBench';
import { definesBench } from './definesBench';
import type { BenchOptions } from './metricsBench';
import { alternate, median, peerFields, runPeer, secondsOfAsync } from './peer';

const EXAMPLES = path.join(__dirname, '..', 'examples');

/** A CSV of about `megabytes` made by repeating the ATLAS sample's rows. */
function replicatedCsv(source: string, megabytes: number): { file: string; rows: number; bytes: number } {
  const text = fs.readFileSync(source, 'utf8');
  const newline = text.indexOf('\n');
  const header = text.slice(0, newline + 1);
  const body = text.slice(newline + 1);
  const copies = Math.max(1, Math.round((megabytes * 1e6) / body.length));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-bench-')), 'events.csv');
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header);
  for (let c = 0; c < copies; c++) fs.writeSync(fd, body);
  fs.closeSync(fd);
  const rowsPerCopy = body.split('\n').filter((line) => line.length > 0).length;
  return { file, rows: rowsPerCopy * copies, bytes: fs.statSync(file).size };
}

export async function dataBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  const csv = replicatedCsv(path.join(EXAMPLES, 'atlas-higgs', 'training_10k.csv'), quick ? 10 : 100);
  const header = fs.readFileSync(csv.file, 'utf8').slice(0, 2000).split('\n')[0].split(',');
  const requests: BranchRequest[] = header.map((name) => ({ name, role: 'feature', kind: name === 'Label' ? 'string' : 'number' }));
  let result;
  try {
    result = await alternate(
      rounds,
      () => secondsOfAsync(() => readCsv(csv.file, requests)),
      () => runPeer<{ seconds: number }>('csv_pandas.py', [csv.file]),
      (peer) => peer.seconds,
    );
  } finally {
    fs.rmSync(path.dirname(csv.file), { recursive: true, force: true });
  }
  const seconds = result.ours;
  emit({
    bench: 'data', format: 'csv', rows: csv.rows, megabytes: Number((csv.bytes / 1e6).toFixed(1)), seconds, events_per_s: Math.round(csv.rows / seconds), mb_per_s: Number((csv.bytes / 1e6 / seconds).toFixed(1)),
    ...peerFields('pandas.read_csv', result, result.peer && result.peer / seconds),
  });

  const rootFile = path.join(EXAMPLES, 'higgs', 'Higgs_data.root');
  const trees = await inspectRoot(rootFile);
  const times: number[] = [];
  let events = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    events = 0;
    for (const tree of trees) {
      const columns = await readRoot(rootFile, tree.tree!, tree.columns.map((c) => ({ name: c.name, role: 'feature', kind: 'number' })));
      events += columns.entries;
    }
    times.push((performance.now() - started) / 1000);
  }
  const rootSeconds = median(times);
  emit({ bench: 'data', format: 'root', file: 'Higgs_data.root (28 float branches, 2 trees)', events, seconds: rootSeconds, events_per_s: Math.round(events / rootSeconds), peer: null });
  await definesBench({ rounds, quick, emit });
  await applyBench({ rounds, quick, emit });
}
