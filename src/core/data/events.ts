import type { ResolvedConfig, ResolvedSource } from '../../shared/config';
import type { CutflowStage, SampleSummary } from '../../shared/diagnostics';
import { evaluate, evaluationContext, SizeMismatchError, type EvaluationContext } from '../expr/evaluate';
import { ScratchArrays } from '../expr/scratch';
import { DataError } from '../util/errors';
import type { RawChunk } from '../expr/chunks';
import { contiguousRuns, Growable } from './growable';
import type { PlannedExpression, SourcePlan } from './plan';

/** Every event of an experiment that passed the selections, in columns, read once. */
export interface EventTable {
  featureNames: string[];
  /** One column per feature, float32 (the network's precision), held once. */
  columns: Float32Array[];
  spectatorNames: string[];
  spectators: Float32Array[];
  /** Class index per event (0 is the signal). */
  labels: Int32Array;
  /** Event weights: the weight expression x the source's weight x its scale; may be negative. */
  weights: Float64Array;
  /** The source (data.sources index) of each event. */
  sources: Uint16Array;
  /** Each event's entry number within its source (a chain counts on across its files). */
  entries: Float64Array;
  /** The folds.by value of each event, when the config has folds. */
  foldKeys?: Float64Array;
  /** 1 for events of split.testSelection, when the config has one. */
  testFlags?: Uint8Array;
  classes: string[];
  size: number;
  /** Per source: what was read and what each selection kept. */
  samples: SampleSummary[];
}

const stage = (name: string, events: number, weighted: number, scale: number): CutflowStage => ({ stage: name, events, weighted, yield: weighted * scale });

function sum(values: Float64Array, keep?: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (!keep || keep[i]) total += values[i];
  return total;
}

/** The events of one source as its chunks come in: selections applied, columns appended. */
export class EventCollector {
  readonly features: Growable<Float32Array>[];
  readonly spectators: Growable<Float32Array>[];
  readonly labels: Growable<Int32Array>;
  readonly weights: Growable<Float64Array>;
  readonly sources: Growable<Uint16Array>;
  readonly entries: Growable<Float64Array>;
  readonly foldKeys: Growable<Float64Array>;
  readonly testFlags: Growable<Uint8Array>;
  /** Label values seen (a few distinct strings). */
  readonly labelValues = new Set<string>();
  private readonly labelIndex: Map<string, number>;
  private readonly sentinel?: number;
  private readonly scratch = new ScratchArrays();

  /** `capacity`: an upper bound of the events (0 if unknown); the columns are reserved once at that size. */
  constructor(
    private readonly config: ResolvedConfig,
    capacity = 0,
  ) {
    this.features = config.data.features.map(() => new Growable(Float32Array, capacity));
    this.spectators = config.data.spectators.map(() => new Growable(Float32Array, capacity));
    this.labels = new Growable(Int32Array, capacity);
    this.weights = new Growable(Float64Array, capacity);
    this.sources = new Growable(Uint16Array, capacity);
    this.entries = new Growable(Float64Array, capacity);
    this.foldKeys = new Growable(Float64Array, config.folds ? capacity : 0);
    this.testFlags = new Growable(Uint8Array, config.split.testSelection !== undefined ? capacity : 0);
    this.labelIndex = labelIndex(config);
    this.sentinel = config.data.missing?.policy === 'drop' ? Math.fround(config.data.missing.value) : undefined;
  }

  /** Evaluates one chunk of source `index` and keeps the events that pass, counting its cut-flow. */
  add(chunk: RawChunk, index: number, plan: SourcePlan, where: string, counts: CutflowStage[]): void {
    try {
      this.addEvaluated(evaluationContext(chunk, index, this.scratch), index, plan, where, counts);
    } finally {
      // Every computed column has been copied into the table by now.
      this.scratch.releaseAll();
    }
  }

  private addEvaluated(context: EvaluationContext, index: number, plan: SourcePlan, where: string, counts: CutflowStage[]): void {
    const { chunk } = context;
    const n = chunk.entries;
    const source = this.config.data.sources[index];
    const scalar = (expression: PlannedExpression | undefined) => {
      try {
        return evaluate(expression!.ir, context) as Float64Array;
      } catch (error) {
        if (!(error instanceof SizeMismatchError)) throw error;
        throw new DataError(`${where}: entry ${chunk.firstEntry + error.entry}: "${expression!.text}": ${error.message}; an operation between two collections needs them of equal size per event (mask or index one of them).`, expression!.pointer);
      }
    };
    const weight = plan.weight ? Float64Array.from(scalar(plan.weight)) : new Float64Array(n).fill(1);
    if (plan.sourceWeight) {
      const extra = scalar(plan.sourceWeight);
      for (let i = 0; i < n; i++) weight[i] *= extra[i];
    }
    const keep = new Uint8Array(n).fill(1);
    const tally = (at: number, name: string) => {
      let events = 0;
      for (let i = 0; i < n; i++) events += keep[i];
      counts[at] ??= stage(name, 0, 0, source.scale);
      counts[at].events += events;
      counts[at].weighted += sum(weight, keep);
      counts[at].yield = counts[at].weighted * source.scale;
    };
    tally(0, 'read');
    let at = 1;
    for (const [selection, name] of [[plan.sourceSelection, 'source selection'], [plan.selection, 'selection']] as const) {
      if (!selection) continue;
      const pass = scalar(selection);
      for (let i = 0; i < n; i++) if (pass[i] === 0) keep[i] = 0;
      tally(at++, `${name}: ${selection.text}`);
    }
    const features = plan.features.map((f) => scalar(f));
    if (this.sentinel !== undefined) {
      for (const column of features) for (let i = 0; i < n; i++) if (Math.fround(column[i]) === this.sentinel) keep[i] = 0;
      tally(at++, `no feature equal to data.missing.value (${this.config.data.missing!.value})`);
    }
    const rows = keptRows(keep);
    const spectators = plan.spectators.map((s) => scalar(s));
    for (let i = 0; i < n; i++) weight[i] *= source.scale;
    const weightField = plan.weight ?? plan.sourceWeight;
    const runs = contiguousRuns(rows);
    // Checked as stored (float32 for features): a value beyond float32's range is caught too.
    const stored = [
      ...features.map((column, f) => this.features[f].appendAt(column, rows, runs)),
      ...spectators.map((column, s) => this.spectators[s].appendAt(column, rows, runs)),
      this.weights.appendAt(weight, rows, runs),
    ];
    const checked = [...plan.features, ...plan.spectators, ...(weightField ? [weightField] : [])];
    this.checkFinite(where, chunk, rows, checked, [...features, ...spectators, weight], stored);
    this.labels.append(this.labelsOf(chunk, rows, index, plan, where));
    this.sources.append(new Uint16Array(rows.length).fill(index));
    const entries = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) entries[i] = chunk.firstEntry + rows[i];
    this.entries.append(entries);
    if (plan.foldKey) this.foldKeys.appendAt(scalar(plan.foldKey), rows);
    if (plan.testSelection) this.testFlags.appendAt(scalar(plan.testSelection).map((v) => (v !== 0 ? 1 : 0)), rows);
  }

  private checkFinite(where: string, chunk: RawChunk, rows: Int32Array, expressions: PlannedExpression[], columns: Float64Array[], stored: ArrayLike<number>[]): void {
    expressions.forEach((expression, c) => {
      const at = firstNonFinite(stored[c]);
      if (at < 0) return;
      const value = columns[c][rows[at]];
      const what = Number.isFinite(value) ? `${value}, beyond float32's range (±3.4e38)` : String(value);
      throw new DataError(`${where}: entry ${chunk.firstEntry + rows[at]}: "${expression.text}" is ${what}; features, spectators and weights must be finite numbers (check the expression, or mark undefined values with a number and data.missing).`, expression.pointer);
    });
  }

  private labelsOf(chunk: RawChunk, rows: Int32Array, index: number, plan: SourcePlan, where: string): Int32Array {
    const source = this.config.data.sources[index];
    if (source.class !== undefined) return new Int32Array(rows.length).fill(this.config.data.classes.indexOf(source.class));
    const numbers = plan.numericLabel ? chunk.numbers.get(plan.labelColumn!) : undefined;
    const strings = numbers ? undefined : chunk.strings.get(plan.labelColumn!);
    const labels = new Int32Array(rows.length);
    // A numeric label column holds a few distinct values: each is looked up once per chunk.
    const byNumber = new Map<number, number>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const known = numbers ? byNumber.get(numbers[row]) : undefined;
      if (known !== undefined) {
        labels[i] = known;
        continue;
      }
      const value = numbers ? String(numbers[row]) : strings![row];
      this.labelValues.add(value);
      const label = this.labelIndex.get(value) ?? this.labelIndex.get(numericKey(value));
      if (label === undefined) {
        const column = this.config.data.label!.column;
        throw new DataError(`${where}: entry ${chunk.firstEntry + row} has ${column} = "${value}", which data.label.map does not name; add it to the map.`, '/data/label/map');
      }
      if (numbers) byNumber.set(numbers[row], label);
      labels[i] = label;
    }
    return labels;
  }
}

/** "1.0" and "1" are the same label value. */
function numericKey(value: string): string {
  return value.trim() !== '' && Number.isFinite(Number(value)) ? `#${Number(value)}` : value;
}

function labelIndex(config: ResolvedConfig): Map<string, number> {
  const index = new Map<string, number>();
  for (const [value, name] of Object.entries(config.data.label?.map ?? {})) {
    const c = config.data.classes.indexOf(name);
    index.set(value, c);
    index.set(numericKey(value), c);
  }
  return index;
}

/** The index of the first NaN or infinite value, or -1. */
function firstNonFinite(values: ArrayLike<number>): number {
  // x * 0 is 0 for every finite x and NaN otherwise: one branch-free pass finds whether to look.
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += values[i] * 0;
  if (probe === 0) return -1;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

function keptRows(keep: Uint8Array): Int32Array {
  let n = 0;
  for (const k of keep) n += k;
  const rows = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) rows[j++] = i;
  return rows;
}

/** The finished table, with each source's summary. */
export function finishTable(config: ResolvedConfig, collector: EventCollector, samples: SampleSummary[]): EventTable {
  const size = collector.labels.length;
  return {
    featureNames: config.data.features.map((f) => f.name),
    columns: collector.features.map((g) => g.finish()),
    spectatorNames: config.data.spectators,
    spectators: collector.spectators.map((g) => g.finish()),
    labels: collector.labels.finish(),
    weights: collector.weights.finish(),
    sources: collector.sources.finish(),
    entries: collector.entries.finish(),
    ...(config.folds ? { foldKeys: collector.foldKeys.finish() } : {}),
    ...(config.split.testSelection !== undefined ? { testFlags: collector.testFlags.finish() } : {}),
    classes: config.data.classes,
    size,
    samples,
  };
}

/** A source's description for messages: its file (and tree). */
export function describeSource(source: ResolvedSource, file: string): string {
  return source.tree ? `${file} (tree "${source.tree}")` : file;
}
