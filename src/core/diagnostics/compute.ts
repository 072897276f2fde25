import type { DiagnosticName } from '../../shared/config';
import type { Diagnostics, FeatureHistogram, RocPoints } from '../../shared/diagnostics';
import type { EpochRecord } from '../../shared/run';
import type { EventTable } from '../data/dataset';
import { quantilesOf, sampleIndices } from '../dataset/sample';
import { signalEfficienciesAt } from '../metrics/classification';
import { correlationOfRows } from '../metrics/correlation';
import { histogram } from '../metrics/histogram';
import { ksTwoSample } from '../metrics/ks';
import { rocCurve, trapezoid } from '../metrics/roc';

const FEATURE_BINS = 40;
const OUTPUT_BINS = 40;
const MAX_ROC_POINTS = 1000;
/** Events whose values set a feature histogram's range (quantiles, so a few absurd values do not). */
const RANGE_SAMPLE = 200_000;
const RANGE_QUANTILES = [0.005, 0.995];
/** Margin added on each side of the quantile range, as a fraction of it. */
const RANGE_MARGIN = 0.05;
export const BACKGROUND_EFFICIENCIES = [0.01, 0.1, 0.3];

/** Events of a table (all, or those at `rows`) with the signal probability of each. */
export interface ScoredSample {
  table: EventTable;
  /** Rows of the table; all rows when absent. */
  rows?: Int32Array;
  /** Signal probability per event (per row). */
  scores: Float32Array;
}

export interface DiagnosticsInput {
  wanted: DiagnosticName[];
  train: ScoredSample;
  test: ScoredSample;
  history: EpochRecord[];
  /** First Dense kernel, row-major [features x units]. */
  firstLayerKernel?: { values: Float32Array; units: number };
  weighted: boolean;
  missingValue?: number;
}

/** The rows of a sample (every row of its table when it names none). */
export function rowsOf(table: EventTable, rows?: Int32Array): Int32Array {
  return rows ?? Int32Array.from({ length: table.size }, (_, i) => i);
}

function signalFlags(table: EventTable, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (row) => (table.labels[row] === 0 ? 1 : 0));
}

function weightsAt(table: EventTable, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (row) => table.weights[row]);
}

/** The values whose flag is (or is not) set. */
function ofClass<T extends Float32Array | Float64Array>(values: T, flags: Int32Array, wantSignal: boolean): T {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if ((flags[i] === 1) === wantSignal) n++;
  const out = new (values.constructor as { new (n: number): T })(n);
  let j = 0;
  for (let i = 0; i < flags.length; i++) if ((flags[i] === 1) === wantSignal) out[j++] = values[i];
  return out;
}

/** ROC points for plotting (at most MAX_ROC_POINTS, both ends kept) and the AUC of the full curve. */
export function thinnedRoc(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): RocPoints {
  const { fpr, tpr } = rocCurve(labels, scores, weights);
  const auc = trapezoid(fpr, tpr);
  if (fpr.length <= MAX_ROC_POINTS) return { fpr, tpr, auc };
  const step = (fpr.length - 1) / (MAX_ROC_POINTS - 1);
  const indices = Array.from({ length: MAX_ROC_POINTS }, (_, i) => Math.round(i * step));
  return { fpr: indices.map((i) => fpr[i]), tpr: indices.map((i) => tpr[i]), auc };
}

function rocPoints(sample: ScoredSample, weighted: boolean): RocPoints {
  const rows = rowsOf(sample.table, sample.rows);
  return thinnedRoc(signalFlags(sample.table, rows), sample.scores, weighted ? weightsAt(sample.table, rows) : undefined);
}

/** At most RANGE_SAMPLE of the rows, in order: where histogram ranges are taken from. */
export function rangeSample(rows: Int32Array): Int32Array {
  return Int32Array.from(sampleIndices(rows.length, RANGE_SAMPLE, 'range'), (i) => rows[i]);
}

/** A histogram range from the values' quantiles (at the sampled rows), so that a few far values do not squash the rest. */
export function robustRange(column: ArrayLike<number>, picked: Int32Array, marker?: number): [number, number] {
  let [low, high] = quantilesOf(column, RANGE_QUANTILES, picked, marker);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1];
  if (low === high) {
    [low, high] = quantilesOf(column, [0, 1], picked, marker);
    if (low === high) return [low - 0.5, high + 0.5];
    return [low, high];
  }
  const margin = (high - low) * RANGE_MARGIN;
  return [low - margin, high + margin];
}

/** Per-class normalised histograms of each feature; values beyond the range go to the edge bins. */
function featureHistograms(table: EventTable, rows: Int32Array, weighted: boolean, missingValue?: number): FeatureHistogram[] {
  const marker = missingValue === undefined ? undefined : Math.fround(missingValue);
  const picked = rangeSample(rows);
  return table.featureNames.map((name, f) => {
    const column = table.columns[f];
    const [low, high] = robustRange(column, picked, marker);
    const width = (high - low) / FEATURE_BINS;
    const counts = [new Float64Array(FEATURE_BINS), new Float64Array(FEATURE_BINS)];
    const totals = [0, 0];
    for (const row of rows) {
      const v = column[row];
      if (v === marker) continue;
      const bin = Math.max(0, Math.min(FEATURE_BINS - 1, Math.floor((v - low) / width)));
      const cls = table.labels[row] === 0 ? 0 : 1;
      const w = weighted ? table.weights[row] : 1;
      counts[cls][bin] += w;
      totals[cls] += w;
    }
    const normalised = (c: number) => Array.from(counts[c], (v) => (totals[c] !== 0 ? v / (totals[c] * width) : 0));
    const edges = Array.from({ length: FEATURE_BINS + 1 }, (_, i) => low + i * width);
    return { name, edges, signal: normalised(0), background: normalised(1) };
  });
}

/**
 * Correlation matrices per class in one pass over the events, over complete cases (events
 * without the missing-value marker in any feature: the marker would swamp a correlation).
 */
function correlations(table: EventTable, rows: Int32Array, weighted: boolean, missingValue?: number): Diagnostics['correlation'] {
  const marker = missingValue === undefined ? undefined : Math.fround(missingValue);
  const complete = new Uint8Array(table.size);
  for (const row of rows) complete[row] = 1;
  if (marker !== undefined) {
    for (const column of table.columns) for (const row of rows) if (column[row] === marker) complete[row] = 0;
  }
  const ofClass = (signal: boolean) => rows.filter((row) => complete[row] === 1 && (table.labels[row] === 0) === signal);
  const weights = weighted ? table.weights : undefined;
  return { features: table.featureNames, signal: correlationOfRows(table.columns, ofClass(true), weights), background: correlationOfRows(table.columns, ofClass(false), weights) };
}

function overtraining(train: ScoredSample, test: ScoredSample, weighted: boolean): Diagnostics['overtraining'] {
  const parts = (sample: ScoredSample) => {
    const rows = rowsOf(sample.table, sample.rows);
    const flags = signalFlags(sample.table, rows);
    const weights = weightsAt(sample.table, rows);
    return {
      signal: { scores: ofClass(sample.scores, flags, true), weights: ofClass(weights, flags, true) },
      background: { scores: ofClass(sample.scores, flags, false), weights: ofClass(weights, flags, false) },
    };
  };
  const trainParts = parts(train);
  const testParts = parts(test);
  const hist = ({ scores, weights }: { scores: Float32Array; weights: Float64Array }) => histogram(scores, weighted ? weights : undefined, OUTPUT_BINS, 0, 1, true);
  const trainSignal = hist(trainParts.signal);
  return {
    edges: trainSignal.edges,
    trainSignal: trainSignal.counts,
    trainBackground: hist(trainParts.background).counts,
    testSignal: hist(testParts.signal).counts,
    testBackground: hist(testParts.background).counts,
    // Unbinned and unweighted, as TMVA's KS test and scipy's ks_2samp.
    ks: {
      signal: ksTwoSample(trainParts.signal.scores, testParts.signal.scores),
      background: ksTwoSample(trainParts.background.scores, testParts.background.scores),
    },
  };
}

/** Events the data-only plots are drawn from, at most (a uniform sample beyond). */
export const DATA_PLOT_EVENTS = 2_000_000;

/** What the data alone shows, before any training: feature distributions and correlations per class. */
export function dataDiagnostics(table: EventTable, weighted: boolean, signalClass: string, missingValue?: number, rows?: Int32Array): Diagnostics {
  const every = rowsOf(table, rows);
  const all = Int32Array.from(sampleIndices(every.length, DATA_PLOT_EVENTS, 'plots'), (i) => every[i]);
  return { signalClass, weighted, features: featureHistograms(table, all, weighted, missingValue), correlation: correlations(table, all, weighted, missingValue) };
}

function efficiencies(sample: ScoredSample, weighted: boolean): number[] {
  const rows = rowsOf(sample.table, sample.rows);
  const flags = signalFlags(sample.table, rows);
  const weights = weighted ? weightsAt(sample.table, rows) : undefined;
  return signalEfficienciesAt(flags, sample.scores, weights, BACKGROUND_EFFICIENCIES);
}

/** Every diagnostic the config asks for, from a trained model's scores. */
export function computeDiagnostics(input: DiagnosticsInput, featureNames: string[], signalClass: string): Diagnostics {
  const { wanted, train, test, weighted } = input;
  const out: Diagnostics = { signalClass, weighted };
  const trainRows = rowsOf(train.table, train.rows);
  if (wanted.includes('features')) out.features = featureHistograms(train.table, trainRows, weighted, input.missingValue);
  if (wanted.includes('correlation')) out.correlation = correlations(train.table, trainRows, weighted, input.missingValue);
  if (wanted.includes('history')) out.history = input.history;
  if (wanted.includes('roc')) out.roc = { test: rocPoints(test, weighted), train: rocPoints(train, weighted) };
  // The KS check is the overtraining verdict reported with every run, so it is always computed.
  out.overtraining = overtraining(train, test, weighted);
  if (wanted.includes('weights') && input.firstLayerKernel) {
    const { values, units } = input.firstLayerKernel;
    out.weights = {
      features: featureNames,
      units,
      values: featureNames.map((_, f) => Array.from(values.subarray(f * units, (f + 1) * units))),
    };
  }
  if (wanted.includes('efficiency')) {
    out.efficiency = { backgroundEfficiencies: BACKGROUND_EFFICIENCIES, test: efficiencies(test, weighted), train: efficiencies(train, weighted) };
  }
  return out;
}
