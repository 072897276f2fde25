import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RootTreeWriter, type BranchSpec } from '../../core/rootio/treeWriter';
import { createRng, normalDraw } from '../../core/util/random';

// Generated analysis-sized inputs for `hepml bench scale`: two classes in `features` Gaussian
// features (the signal shifted in a third of them), kept in a cache folder between runs.

export const SCALE_FEATURES = 30;
const LINES_PER_WRITE = 20_000;

export function scaleCacheFolder(): string {
  const folder = process.env.HEPML_BENCH_CACHE ?? path.join(os.tmpdir(), 'hepml-bench-scale');
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** The events' feature values and labels, one event at a time (signal on even events). */
export function* scaleEvents(events: number, seed = 'scale'): Generator<{ values: Float64Array; signal: boolean }> {
  const rng = createRng(seed);
  const values = new Float64Array(SCALE_FEATURES);
  for (let i = 0; i < events; i++) {
    const signal = i % 2 === 0;
    for (let f = 0; f < SCALE_FEATURES; f++) values[f] = normalDraw(rng) + (signal && f % 3 === 0 ? 0.3 : 0);
    yield { values, signal };
  }
}

/** A CSV of `events` generated events (header f0..f29,label), made once and cached. */
export function scaleCsv(events: number): string {
  const file = path.join(scaleCacheFolder(), `events-${events}.csv`);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.${process.pid}.part`;
  const fd = fs.openSync(partial, 'w');
  try {
    fs.writeSync(fd, `${Array.from({ length: SCALE_FEATURES }, (_, f) => `f${f}`).join(',')},label\n`);
    let lines: string[] = [];
    for (const { values, signal } of scaleEvents(events)) {
      let line = '';
      for (let f = 0; f < SCALE_FEATURES; f++) line += `${values[f].toFixed(5)},`;
      lines.push(line + (signal ? '1' : '0'));
      if (lines.length === LINES_PER_WRITE) {
        fs.writeSync(fd, lines.join('\n') + '\n');
        lines = [];
      }
    }
    if (lines.length) fs.writeSync(fd, lines.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
  return file;
}

/**
 * The same events as a ROOT file (tree "events": f0..f29 as Double_t, label as Int_t), written
 * by the lab's ROOT writer once and cached: 10M events make a file past 2 GiB.
 */
export function scaleRoot(events: number): string {
  const file = path.join(scaleCacheFolder(), `events-${events}.root`);
  if (fs.existsSync(file)) return file;
  const branches: BranchSpec[] = [...Array.from({ length: SCALE_FEATURES }, (_, f) => ({ name: `f${f}`, type: 'D' as const })), { name: 'label', type: 'I' }];
  const writer = new RootTreeWriter(file, { treeName: 'events', branches, basketEntries: 200_000 });
  const chunk = 65536;
  let columns = branches.map(() => new Float64Array(chunk));
  let filled = 0;
  for (const { values, signal } of scaleEvents(events)) {
    for (let f = 0; f < SCALE_FEATURES; f++) columns[f][filled] = values[f];
    columns[SCALE_FEATURES][filled] = signal ? 1 : 0;
    if (++filled === chunk) {
      writer.append(columns, filled);
      columns = branches.map(() => new Float64Array(chunk));
      filled = 0;
    }
  }
  if (filled > 0) writer.append(columns.map((c) => c.subarray(0, filled)), filled);
  writer.close();
  return file;
}
