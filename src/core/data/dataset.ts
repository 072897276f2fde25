import type { ResolvedConfig } from '../../shared/config';
import { UserError } from '../util/errors';
import { readCsv } from './csv';
import { sourceFormat } from './format';
import { readRoot } from './root';
import type { ColumnRequest, RawColumns } from './table';

/** All events of an experiment, in columns, read once. */
export interface EventTable {
  featureNames: string[];
  /** One column per feature. */
  columns: Float32Array[];
  /** Class index per event (0 is the signal). */
  labels: Int32Array;
  /** Event weights (1 when the config names no weight column); may be negative. */
  weights: Float64Array;
  classes: string[];
  size: number;
}

function describeSource(config: ResolvedConfig, i: number, file: string): string {
  const tree = config.data.sources[i].tree;
  return tree ? `${file} (tree "${tree}")` : file;
}

async function readSource(config: ResolvedConfig, i: number, file: string): Promise<RawColumns> {
  const source = config.data.sources[i];
  const requests: ColumnRequest[] = config.data.features.map((f) => ({ name: f.name, role: 'feature', kind: 'number', fill: f.fill }));
  if (config.data.weight) requests.push({ name: config.data.weight, role: 'weight', kind: 'number' });
  if (source.class === undefined && config.data.label) requests.push({ name: config.data.label.column, role: 'label', kind: 'string' });
  return sourceFormat(source.path) === 'root' ? readRoot(file, source.tree!, requests) : readCsv(file, requests);
}

/** Maps a label value as read ("1", "1.0", "s") to a class index through data.label.map. */
function labelMapper(config: ResolvedConfig): (value: string) => number | undefined {
  const map = config.data.label!.map;
  const byText = new Map(Object.entries(map).map(([value, name]) => [value, config.data.classes.indexOf(name)]));
  const byNumber = new Map<number, number>();
  for (const [value, index] of byText) {
    if (value.trim() !== '' && Number.isFinite(Number(value))) byNumber.set(Number(value), index);
  }
  return (value) => byText.get(value) ?? (value.trim() !== '' ? byNumber.get(Number(value)) : undefined);
}

function sourceLabels(config: ResolvedConfig, i: number, file: string, raw: RawColumns): Int32Array {
  const source = config.data.sources[i];
  const labels = new Int32Array(raw.entries);
  if (source.class !== undefined) {
    labels.fill(config.data.classes.indexOf(source.class));
    return labels;
  }
  const label = config.data.label!;
  const values = raw.strings.get(label.column)!;
  const toClass = labelMapper(config);
  for (let e = 0; e < raw.entries; e++) {
    const index = toClass(values[e]);
    if (index === undefined) {
      throw new UserError(`${describeSource(config, i, file)}: event ${e + 1} has ${label.column} = "${values[e]}", which data.label.map does not name; add it to the map (values present include ${[...new Set(values.slice(0, 1000))].slice(0, 5).map((v) => `"${v}"`).join(', ')}).`);
    }
  }
  for (let e = 0; e < raw.entries; e++) labels[e] = toClass(values[e])!;
  return labels;
}

/** Reads every source of a config into one table, checking what a schema cannot. */
export async function loadEvents(config: ResolvedConfig, sourcePaths: string[]): Promise<EventTable> {
  const featureNames = config.data.features.map((f) => f.name);
  const parts: { raw: RawColumns; labels: Int32Array }[] = [];
  for (let i = 0; i < sourcePaths.length; i++) {
    const raw = await readSource(config, i, sourcePaths[i]);
    parts.push({ raw, labels: sourceLabels(config, i, sourcePaths[i], raw) });
  }
  checkLabelValuesOccur(config, parts, sourcePaths);

  const total = parts.reduce((n, p) => n + p.raw.entries, 0);
  const columns = featureNames.map(() => new Float32Array(total));
  const labels = new Int32Array(total);
  const weights = new Float64Array(total).fill(1);
  let offset = 0;
  for (const { raw, labels: partLabels } of parts) {
    featureNames.forEach((name, f) => columns[f].set(raw.numbers.get(name)!, offset));
    labels.set(partLabels, offset);
    if (config.data.weight) weights.set(raw.numbers.get(config.data.weight)!, offset);
    offset += raw.entries;
  }
  const table: EventTable = { featureNames, columns, labels, weights, classes: config.data.classes, size: total };
  const dropped = config.data.missing?.policy === 'drop' ? dropSentinelEvents(table, config.data.missing.value) : table;
  checkEveryClassPresent(dropped);
  return dropped;
}

function checkLabelValuesOccur(config: ResolvedConfig, parts: { raw: RawColumns }[], sourcePaths: string[]): void {
  const label = config.data.label;
  if (!label) return;
  const values = new Set<string>();
  parts.forEach((p) => p.raw.strings.get(label.column)?.forEach((v) => values.add(v)));
  if (values.size === 0) return;
  const toClass = labelMapper(config);
  const seenClasses = new Set([...values].map(toClass));
  for (const [value, name] of Object.entries(label.map)) {
    if (!seenClasses.has(config.data.classes.indexOf(name))) {
      throw new UserError(`data.label.map: value "${value}" never occurs in column "${label.column}" of ${sourcePaths.join(', ')}; values found: ${[...values].slice(0, 5).map((v) => `"${v}"`).join(', ')}.`);
    }
  }
}

function checkEveryClassPresent(table: EventTable): void {
  const counts = new Array(table.classes.length).fill(0);
  for (const label of table.labels) counts[label]++;
  const empty = table.classes.filter((_, c) => counts[c] === 0);
  if (empty.length > 0) {
    throw new UserError(`the data has no events of class ${empty.map((c) => `"${c}"`).join(', ')}; a classifier needs events of every class (check data.sources and data.label).`);
  }
}

/** Keeps only the events where no feature equals the missing-value sentinel. */
function dropSentinelEvents(table: EventTable, sentinel: number): EventTable {
  const keep: number[] = [];
  for (let e = 0; e < table.size; e++) {
    if (!table.columns.some((column) => column[e] === Math.fround(sentinel))) keep.push(e);
  }
  if (keep.length === 0) {
    throw new UserError(`every event has a feature equal to data.missing.value ${sentinel}; policy "drop" would leave none: use "median" or "keep", or fewer features.`);
  }
  return selectEvents(table, keep);
}

/** A new table holding the given events, in the given order. */
export function selectEvents(table: EventTable, indices: ArrayLike<number>): EventTable {
  const n = indices.length;
  const columns = table.columns.map((column) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = column[indices[i]];
    return out;
  });
  const labels = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = table.labels[indices[i]];
    weights[i] = table.weights[indices[i]];
  }
  return { ...table, columns, labels, weights, size: n };
}
