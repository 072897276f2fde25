import type { DiagnosticName } from '../../shared/config';
import type { Diagnostics, FeatureHistogram, RocPoints } from '../../shared/diagnostics';
import type { EpochRecord } from '../../shared/run';
import type { EventTable } from '../data/dataset';
import { signalEfficiencyAt } from '../metrics/classification';
import { correlationMatrix } from '../metrics/correlation';
import { commonRange, histogram } from '../metrics/histogram';
import { ksTwoSample } from '../metrics/ks';
import { rocCurve, trapezoid } from '../metrics/roc';

const FEATURE_BINS = 40;
const OUTPUT_BINS = 40;
const MAX_ROC_POINTS = 1000;
export const BACKGROUND_EFFICIENCIES = [0.01, 0.1, 0.3];

export interface ScoredSample {
  table: EventTable;
  /** Signal probability per event. */
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

function isSignal(table: EventTable): Int32Array {
  return Int32Array.from(table.labels, (l) => (l === 0 ? 1 : 0));
}

function split<T extends ArrayLike<number>>(values: T, labels: Int32Array, wantSignal: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if ((labels[i] === 1) === wantSignal) out.push(values[i]);
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
  return thinnedRoc(isSignal(sample.table), sample.scores, weighted ? sample.table.weights : undefined);
}

function featureHistograms(table: EventTable, weighted: boolean, missingValue?: number): FeatureHistogram[] {
  const labels = isSignal(table);
  const marker = missingValue === undefined ? undefined : Math.fround(missingValue);
  return table.featureNames.map((name, f) => {
    const column = table.columns[f];
    const keep = (i: number) => column[i] !== marker;
    const part = (wantSignal: boolean) => {
      const values: number[] = [];
      const weights: number[] = [];
      for (let i = 0; i < column.length; i++) {
        if ((labels[i] === 1) !== wantSignal || !keep(i)) continue;
        values.push(column[i]);
        weights.push(weighted ? table.weights[i] : 1);
      }
      return { values, weights };
    };
    const signal = part(true);
    const background = part(false);
    const [low, high] = commonRange([signal.values, background.values]);
    const s = histogram(signal.values, signal.weights, FEATURE_BINS, low, high, true);
    const b = histogram(background.values, background.weights, FEATURE_BINS, low, high, true);
    return { name, edges: s.edges, signal: s.counts, background: b.counts };
  });
}

function correlations(table: EventTable, weighted: boolean): Diagnostics['correlation'] {
  const labels = isSignal(table);
  const forClass = (wantSignal: boolean) => {
    const columns = table.columns.map((column) => split(column, labels, wantSignal));
    const weights = weighted ? split(table.weights, labels, wantSignal) : undefined;
    return correlationMatrix(columns, weights);
  };
  return { features: table.featureNames, signal: forClass(true), background: forClass(false) };
}

function overtraining(train: ScoredSample, test: ScoredSample, weighted: boolean): Diagnostics['overtraining'] {
  const trainLabels = isSignal(train.table);
  const testLabels = isSignal(test.table);
  const parts = {
    trainSignal: [split(train.scores, trainLabels, true), split(train.table.weights, trainLabels, true)],
    trainBackground: [split(train.scores, trainLabels, false), split(train.table.weights, trainLabels, false)],
    testSignal: [split(test.scores, testLabels, true), split(test.table.weights, testLabels, true)],
    testBackground: [split(test.scores, testLabels, false), split(test.table.weights, testLabels, false)],
  };
  const hist = ([values, weights]: number[][]) => histogram(values, weighted ? weights : undefined, OUTPUT_BINS, 0, 1, true);
  const trainSignal = hist(parts.trainSignal);
  return {
    edges: trainSignal.edges,
    trainSignal: trainSignal.counts,
    trainBackground: hist(parts.trainBackground).counts,
    testSignal: hist(parts.testSignal).counts,
    testBackground: hist(parts.testBackground).counts,
    // Unbinned and unweighted, as TMVA's KS test and scipy's ks_2samp.
    ks: {
      signal: ksTwoSample(parts.trainSignal[0], parts.testSignal[0]),
      background: ksTwoSample(parts.trainBackground[0], parts.testBackground[0]),
    },
  };
}

/** What the data alone shows, before any training: feature distributions and correlations per class. */
export function dataDiagnostics(table: EventTable, weighted: boolean, signalClass: string, missingValue?: number): Diagnostics {
  return { signalClass, weighted, features: featureHistograms(table, weighted, missingValue), correlation: correlations(completeCases(table, missingValue), weighted) };
}

/** The events without the missing-value marker in any feature (the marker would swamp a correlation). */
function completeCases(table: EventTable, marker?: number): EventTable {
  if (marker === undefined) return table;
  const keep: number[] = [];
  for (let i = 0; i < table.size; i++) if (table.columns.every((column) => column[i] !== marker)) keep.push(i);
  const index = new Set(keep);
  const select = <T extends Float32Array | Float64Array | Int32Array>(values: T): T => values.filter((_, i) => index.has(i)) as T;
  return { ...table, columns: table.columns.map(select), labels: select(table.labels), weights: select(table.weights), size: keep.length };
}

/** Every diagnostic the config asks for, from a trained model's scores. */
export function computeDiagnostics(input: DiagnosticsInput, featureNames: string[], signalClass: string): Diagnostics {
  const { wanted, train, test, weighted } = input;
  const out: Diagnostics = { signalClass, weighted };
  if (wanted.includes('features')) out.features = featureHistograms(train.table, weighted, input.missingValue);
  if (wanted.includes('correlation')) out.correlation = correlations(train.table, weighted);
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
    const efficiencies = (sample: ScoredSample) =>
      BACKGROUND_EFFICIENCIES.map((e) => signalEfficiencyAt(isSignal(sample.table), sample.scores, weighted ? sample.table.weights : undefined, e));
    out.efficiency = { backgroundEfficiencies: BACKGROUND_EFFICIENCIES, test: efficiencies(test), train: efficiencies(train) };
  }
  return out;
}
