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
  /** What the events show before training that may spoil the classifier (leakage, outliers, ...). */
  warnings?: DataWarning[];
  /** Per source: entries read, after each selection, summed weights and yields. */
  samples?: SampleSummary[];
  /** The training events the train-side plots and checks were drawn from, when a sample of them. */
  trainSample?: { events: number; of: number };
  /** Distributions per process (backgrounds stacked, expected yields). */
  processes?: ProcessPlots;
  /** Per spectator: its background shape after cuts on the output, and its correlation with it. */
  sculpting?: SculptingCheck[];
  /** Cuts on the output (test events, yields scaled to the whole sample). */
  workingPoints?: WorkingPoints;
}

/** One step of a source's cut-flow: the events left and their summed weights. */
export interface CutflowStage {
  /** "read", "source selection: <expr>", "selection: <expr>", ... */
  stage: string;
  events: number;
  /** Sum of the event weights before the source's scale. */
  weighted: number;
  /** Sum of the event weights times the source's scale (the expected yield). */
  yield: number;
}

/** What one source (a sample, maybe a chain of files) gave. */
export interface SampleSummary {
  source: number;
  process: string;
  /** The source's class, or undefined when a label column gives each event's class. */
  class?: string;
  files: string[];
  scale: number;
  cutflow: CutflowStage[];
}

/** Something in the events that will likely spoil a classifier, tied to the config field it concerns. */
export interface DataWarning {
  /** JSON pointer of the config field, e.g. `/data/features/3`. */
  pointer: string;
  feature?: string;
  kind: 'leakage' | 'identifier' | 'extreme' | 'sentinel' | 'empty-source' | 'weights';
  message: string;
  /** The marker value, for a sentinel. */
  value?: number;
}

/** A variable's distribution per process, as expected yields (scaled event weights) per bin. */
export interface StackedDistribution {
  name: string;
  kind: 'feature' | 'spectator' | 'output';
  edges: number[];
  /** yields[p][b]: process p's yield in bin b (processes as in ProcessPlots.processes). */
  yields: number[][];
}

/** Features, spectators and the classifier output drawn per process, backgrounds stacked. */
export interface ProcessPlots {
  processes: { name: string; signal: boolean; yield: number; events: number }[];
  distributions: StackedDistribution[];
}

/** Does a cut on the output sculpt a spectator (e.g. an invariant mass) in the background? */
export interface SculptingCheck {
  spectator: string;
  edges: number[];
  /** The background's spectator shape (unit area) for events above each output cut. */
  cuts: { backgroundEfficiency: number; threshold: number; shape: number[] }[];
  /** Linear correlation of the spectator with the output, per class (test events). */
  correlation: { signal: number; background: number };
}

/** Selecting the events whose output is at or above a cut: efficiencies, expected yields, significances. */
export interface WorkingPoint {
  /** What fixed it: a signal or background efficiency, the best Z, or a point of the scan. */
  target: string;
  cut: number;
  signalEfficiency: number;
  backgroundEfficiency: number;
  /** 1 / background efficiency. */
  rejection: number;
  /** Expected signal and background yields above the cut (the whole sample's, from the test events). */
  signal: number;
  background: number;
  sOverSqrtB: number;
  /** sqrt(2((S+B) ln(1+S/B) - S)) */
  asimov: number;
  /** The HiggsML challenge's AMS with b_reg = 10. */
  ams: number;
}

export interface WorkingPoints {
  points: WorkingPoint[];
  /** The cut with the largest Asimov significance. */
  best: WorkingPoint;
  /** The cut scan, thinned, for a cut slider. */
  curve: WorkingPoint[];
}
