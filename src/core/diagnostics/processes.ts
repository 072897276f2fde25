import type { ProcessPlots, SculptingCheck, StackedDistribution } from '../../shared/diagnostics';
import type { EventTable } from '../data/dataset';
import { correlationOfRows } from '../metrics/correlation';
import { sampleIndices } from '../dataset/sample';
import { rangeSample, robustRange } from './compute';

// What physicists draw per process: each variable's expected yields with the backgrounds
// stacked and the signal overlaid, the classifier output per process, and whether cutting on
// the output sculpts a spectator (an invariant mass) in the background.

const BINS = 40;
/** Events the per-process shapes are drawn from at most (a uniform sample beyond, scaled to the yields). */
const PLOT_EVENTS = 2_000_000;
/** Background efficiencies of the output cuts in the sculpting check (1: no cut). */
export const SCULPTING_EFFICIENCIES = [1, 0.5, 0.2, 0.05];

/** Each event's process index; processes named by their source, split by class where a source holds several. */
function processIndex(table: EventTable): { names: { name: string; signal: boolean }[]; of: Uint16Array } {
  const keys = new Map<string, number>();
  const names: { name: string; signal: boolean }[] = [];
  const bySourceAndClass = new Map<number, number>();
  for (let row = 0; row < table.size; row++) {
    const source = table.sources[row];
    const label = table.labels[row];
    const code = source * 1024 + label;
    if (bySourceAndClass.has(code)) continue;
    const sample = table.samples[source];
    const name = sample.class !== undefined ? sample.process : `${sample.process}: ${table.classes[label]}`;
    if (!keys.has(name)) {
      keys.set(name, names.length);
      names.push({ name, signal: label === 0 });
    }
    bySourceAndClass.set(code, keys.get(name)!);
  }
  const of = new Uint16Array(table.size);
  for (let row = 0; row < table.size; row++) of[row] = bySourceAndClass.get(table.sources[row] * 1024 + table.labels[row])!;
  return { names, of };
}

function binOf(value: number, low: number, width: number): number {
  return Math.max(0, Math.min(BINS - 1, Math.floor((value - low) / width)));
}

/** Where the events of a stacked plot come from: rows, their process, weight and value. */
interface StackInput {
  rows: Int32Array;
  processOf: Uint16Array;
  weights: Float64Array;
  /** Multiplies each event's weight by its source's factor (test events scaled to the sample). */
  sourceScale?: Float64Array;
  /** Multiplies each event's weight by its process's factor (a sample of events scaled to all). */
  processScale?: Float64Array;
  sources: Uint16Array;
  /** The value of the i-th row: values[rows[i]], or values[i] when `byPosition`. */
  values: ArrayLike<number>;
  byPosition?: boolean;
}

/** Yields per process and bin of one variable. */
function stacked(name: string, kind: StackedDistribution['kind'], input: StackInput, processes: number, range: [number, number]): StackedDistribution {
  const [low, high] = range;
  const width = (high - low) / BINS;
  const flat = new Float64Array(processes * BINS);
  const { rows, processOf, weights, sourceScale, processScale, sources, values, byPosition } = input;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let weight = sourceScale ? weights[row] * sourceScale[sources[row]] : weights[row];
    if (processScale) weight *= processScale[processOf[row]];
    flat[processOf[row] * BINS + binOf(values[byPosition ? i : row], low, width)] += weight;
  }
  const yields = Array.from({ length: processes }, (_, p) => flat.subarray(p * BINS, (p + 1) * BINS));
  return { name, kind, edges: Array.from({ length: BINS + 1 }, (_, b) => low + b * width), yields: yields.map((y) => Array.from(y)) };
}

/** Per source: the factor that scales test-set yields to the whole sample's. */
export function testScale(table: EventTable, testRows: Int32Array): Float64Array {
  const all = new Float64Array(table.samples.length);
  const test = new Float64Array(table.samples.length);
  for (let row = 0; row < table.size; row++) all[table.sources[row]] += table.weights[row];
  for (const row of testRows) test[table.sources[row]] += table.weights[row];
  return all.map((total, s) => (test[s] !== 0 ? total / test[s] : 0));
}

/**
 * Every feature and spectator per process over all events, and the classifier output per
 * process over the test events (scaled up to the whole sample's yield).
 */
export function processPlots(table: EventTable, testRows?: Int32Array, testScores?: Float32Array, missingValue?: number): ProcessPlots {
  const { names, of } = processIndex(table);
  const yields = new Float64Array(names.length);
  const events = new Float64Array(names.length);
  for (let row = 0; row < table.size; row++) {
    yields[of[row]] += table.weights[row];
    events[of[row]]++;
  }
  // The shapes from a uniform sample of at most PLOT_EVENTS events, scaled to each process's yield.
  const all = Int32Array.from(sampleIndices(table.size, PLOT_EVENTS, 'process-plots'));
  const sampled = new Float64Array(names.length);
  for (const row of all) sampled[of[row]] += table.weights[row];
  const processScale = all.length < table.size ? yields.map((y, p) => (sampled[p] !== 0 ? y / sampled[p] : 0)) : undefined;
  const picked = rangeSample(all);
  const marker = missingValue === undefined ? undefined : Math.fround(missingValue);
  const base = { processOf: of, weights: table.weights, sources: table.sources, processScale };
  const variable = (name: string, kind: StackedDistribution['kind'], column: Float32Array) => {
    const kept = marker === undefined ? all : all.filter((row) => column[row] !== marker);
    return stacked(name, kind, { ...base, rows: kept, values: column }, names.length, robustRange(column, picked, marker));
  };
  const distributions = [
    ...table.featureNames.map((name, f) => variable(name, 'feature', table.columns[f])),
    ...table.spectatorNames.map((name, s) => variable(name, 'spectator', table.spectators[s])),
  ];
  if (testRows && testScores) {
    const scale = testScale(table, testRows);
    distributions.push(stacked('classifier output', 'output', { ...base, processScale: undefined, rows: testRows, values: testScores, byPosition: true, sourceScale: scale }, names.length, [0, 1]));
  }
  return { processes: names.map((p, i) => ({ ...p, yield: yields[i], events: events[i] })), distributions };
}

/** The output threshold above which a weighted fraction `efficiency` of the events lies. */
function thresholdAt(scores: Float32Array, weights: Float64Array, efficiency: number): number {
  if (efficiency >= 1) return -Infinity;
  const order = Int32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]);
  const total = weights.reduce((s, w) => s + w, 0);
  let passed = 0;
  for (const i of order) {
    passed += weights[i];
    if (passed >= efficiency * total) return scores[i];
  }
  return -Infinity;
}

/**
 * For each spectator: the background's spectator shape above output cuts of falling background
 * efficiency (a flat line means no sculpting), and the spectator's correlation with the output.
 */
export function sculptingChecks(table: EventTable, testRows: Int32Array, testScores: Float32Array): SculptingCheck[] {
  const background = Int32Array.from(testRows.keys()).filter((i) => table.labels[testRows[i]] !== 0);
  const signal = Int32Array.from(testRows.keys()).filter((i) => table.labels[testRows[i]] === 0);
  const backgroundScores = Float32Array.from(background, (i) => testScores[i]);
  const backgroundWeights = Float64Array.from(background, (i) => table.weights[testRows[i]]);
  return table.spectatorNames.map((name, s) => {
    const column = table.spectators[s];
    const [low, high] = robustRange(column, Int32Array.from(background, (i) => testRows[i]));
    const width = (high - low) / BINS;
    const cuts = SCULPTING_EFFICIENCIES.map((backgroundEfficiency) => {
      const threshold = thresholdAt(backgroundScores, backgroundWeights, backgroundEfficiency);
      const shape = new Float64Array(BINS);
      let total = 0;
      background.forEach((i, k) => {
        if (backgroundScores[k] < threshold) return;
        shape[binOf(column[testRows[i]], low, width)] += backgroundWeights[k];
        total += backgroundWeights[k];
      });
      return { backgroundEfficiency, threshold: Number.isFinite(threshold) ? threshold : 0, shape: Array.from(shape, (v) => (total !== 0 ? v / (total * width) : 0)) };
    });
    const correlationOf = (events: Int32Array) => {
      const columns = [Float64Array.from(events, (i) => column[testRows[i]]), Float64Array.from(events, (i) => testScores[i])];
      const weights = Float64Array.from(events, (i) => table.weights[testRows[i]]);
      return events.length > 1 ? correlationOfRows(columns, Int32Array.from(events.keys()), weights)[0][1] : NaN;
    };
    return { spectator: name, edges: Array.from({ length: BINS + 1 }, (_, b) => low + b * width), cuts, correlation: { signal: correlationOf(signal), background: correlationOf(background) } };
  });
}
