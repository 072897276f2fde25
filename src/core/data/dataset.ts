import type { ResolvedConfig } from '../../shared/config';
import type { CutflowStage, SampleSummary } from '../../shared/diagnostics';
import { DataError, UserError } from '../util/errors';
import { describeSource, EventCollector, finishTable, type EventTable } from './events';
import { PlanError, sourcePlan, type SourcePlan } from './plan';
import { eventBound, sourceTable, streamSource } from './sources';

export type { EventTable } from './events';

export interface LoadOptions {
  /** How a config expression's problem is told (the CLI names the config's line and column). */
  describePlanError?: (error: PlanError) => string;
  /** Read at most about this many entries of each source (a first look at a large file). */
  maxEntriesPerSource?: number;
}

/** Thrown by a sink to stop a reader early; never leaves loadEvents. */
class EnoughEntries extends Error {}

/** Compiles the config's expressions against source `index` (its first file's columns). */
export async function planSource(config: ResolvedConfig, index: number, files: string[], options: LoadOptions = {}): Promise<SourcePlan> {
  const info = await sourceTable(config.data.sources[index], files[0]);
  try {
    return sourcePlan(config, index, info);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    throw new UserError(options.describePlanError?.(error) ?? `${error.message} (in ${describeSource(config.data.sources[index], files[0])})`);
  }
}

/**
 * Reads every source of a config into one table: each file streamed in chunks, the defines,
 * selections and weights evaluated per chunk, and only the kept events' columns held.
 */
export async function loadEvents(config: ResolvedConfig, sourceFiles: string[][], options: LoadOptions = {}): Promise<EventTable> {
  const collector = new EventCollector(config, options.maxEntriesPerSource === undefined ? await eventsBound(config, sourceFiles) : 0);
  const samples: SampleSummary[] = [];
  for (let i = 0; i < sourceFiles.length; i++) {
    const source = config.data.sources[i];
    const files = sourceFiles[i];
    const plan = await planSource(config, i, files, options);
    const cutflow: CutflowStage[] = [];
    let entry = 0;
    const limit = options.maxEntriesPerSource ?? Infinity;
    try {
      for (const file of files) {
        const where = describeSource(source, file);
        entry += await streamSource(source, file, plan.requests, (chunk) => {
          collector.add(chunk, i, plan, where, cutflow);
          if (chunk.firstEntry + chunk.entries >= limit) throw new EnoughEntries();
        }, entry);
      }
    } catch (error) {
      if (!(error instanceof EnoughEntries)) throw error;
    }
    samples.push({ source: i, process: source.process, ...(source.class !== undefined ? { class: source.class } : {}), files, scale: source.scale, cutflow });
  }
  checkLabelValuesOccur(config, collector, sourceFiles);
  const table = finishTable(config, collector, samples);
  checkEveryClassPresent(table);
  return table;
}

/**
 * An upper bound of the events of all sources, so that the columns are reserved once: joining
 * chunks at the end doubled the peak memory, and the freed chunks stayed in the C heap.
 */
async function eventsBound(config: ResolvedConfig, sourceFiles: string[][]): Promise<number> {
  let total = 0;
  for (let i = 0; i < sourceFiles.length; i++) for (const file of sourceFiles[i]) total += await eventBound(config.data.sources[i], file);
  return Number.isFinite(total) && total > 0 ? total : 0;
}

function checkLabelValuesOccur(config: ResolvedConfig, collector: EventCollector, sourceFiles: string[][]): void {
  const label = config.data.label;
  if (!label || collector.labelValues.size === 0) return;
  const present = new Set([...collector.labelValues].flatMap((v) => [v, Number.isFinite(Number(v)) && v.trim() !== '' ? String(Number(v)) : v]));
  for (const value of Object.keys(label.map)) {
    const numeric = Number.isFinite(Number(value)) && value.trim() !== '' ? String(Number(value)) : value;
    if (!present.has(value) && !present.has(numeric)) {
      throw new DataError(`data.label.map: value "${value}" never occurs in column "${label.column}" of ${sourceFiles.flat().join(', ')}; values found: ${[...collector.labelValues].slice(0, 5).map((v) => `"${v}"`).join(', ')}.`, `/data/label/map/${value.replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
    }
  }
}

function checkEveryClassPresent(table: EventTable): void {
  const counts = new Array<number>(table.classes.length).fill(0);
  for (const label of table.labels) counts[label]++;
  const empty = table.classes.filter((_, c) => counts[c] === 0);
  if (empty.length > 0) {
    throw new UserError(`the data has no events of class ${empty.map((c) => `"${c}"`).join(', ')}; a classifier needs events of every class (check data.sources, data.label and the selections).`);
  }
}

/** A new table holding the given events, in the given order (small tables: analyses, tests). */
export function selectEvents(table: EventTable, indices: ArrayLike<number>): EventTable {
  const n = indices.length;
  const pick = <T extends Float32Array | Float64Array | Int32Array | Uint16Array | Uint8Array>(values: T): T => {
    const out = new (values.constructor as { new (length: number): T })(n);
    for (let i = 0; i < n; i++) out[i] = values[indices[i]];
    return out;
  };
  return {
    ...table,
    columns: table.columns.map(pick),
    spectators: table.spectators.map(pick),
    labels: pick(table.labels),
    weights: pick(table.weights),
    sources: pick(table.sources),
    entries: pick(table.entries),
    ...(table.foldKeys ? { foldKeys: pick(table.foldKeys) } : {}),
    ...(table.testFlags ? { testFlags: pick(table.testFlags) } : {}),
    size: n,
  };
}

/** Sources whose selections keep none of their events, with the pointer of the selection to blame. */
export function emptiedSources(config: ResolvedConfig, table: EventTable): { source: number; pointer: string; message: string }[] {
  return table.samples
    .filter((s) => s.cutflow.length > 1 && s.cutflow[0].events > 0 && s.cutflow[s.cutflow.length - 1].events === 0)
    .map((s) => {
      const source = config.data.sources[s.source];
      const pointer = source.selection !== undefined && s.cutflow[1].events === 0 ? `/data/sources/${s.source}/selection` : config.data.selection !== undefined ? '/data/selection' : `/data/sources/${s.source}`;
      return { source: s.source, pointer, message: `the selections keep none of the ${s.cutflow[0].events} events of source ${s.source} (${s.process}): ${s.cutflow.map((c) => `${c.stage} ${c.events}`).join(', ')}.` };
    });
}
