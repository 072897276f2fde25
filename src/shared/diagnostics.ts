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
}
