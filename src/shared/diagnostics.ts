// Diagnostics data of a run, computed by core/diagnostics and drawn by core/report.
import type { EpochRecord, KsPair } from './run';

export interface FeatureHistogram {
  name: string;
  edges: number[];
  /** Normalised (unit area) weighted counts per bin. */
  signal: number[];
  background: number[];
}

export interface RocPoints {
  fpr: number[];
  tpr: number[];
  auc: number;
}

export interface OvertrainingCheck {
  edges: number[];
  trainSignal: number[];
  trainBackground: number[];
  testSignal: number[];
  testBackground: number[];
  ks: { signal: KsPair; background: KsPair };
}

export interface FirstLayerWeights {
  features: string[];
  units: number;
  /** values[feature][unit] */
  values: number[][];
}

export interface EfficiencyTable {
  backgroundEfficiencies: number[];
  test: number[];
  train: number[];
}

/** More than two classes: one-vs-rest ROC per class, confusion matrix, each output's distribution. */
export interface MulticlassDiagnostics {
  classes: string[];
  roc: { class: string; fpr: number[]; tpr: number[]; auc: number }[];
  /** confusion[true][predicted], weighted by the event weights when the config has them, normalised per true class. */
  confusion: number[][];
  /** For each output (class probability): normalised histograms for events of each true class. */
  outputs: { output: string; edges: number[]; byTrueClass: number[][] }[];
}

export interface Diagnostics {
  /** Name of the class treated as signal; the others are background. */
  signalClass: string;
  weighted: boolean;
  features?: FeatureHistogram[];
  correlation?: { features: string[]; signal: number[][]; background: number[][] };
  history?: EpochRecord[];
  roc?: { test: RocPoints; train: RocPoints };
  overtraining?: OvertrainingCheck;
  weights?: FirstLayerWeights;
  efficiency?: EfficiencyTable;
  multiclass?: MulticlassDiagnostics;
}
