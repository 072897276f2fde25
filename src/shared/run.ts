// Records of a run as stored in `.hepml/runs/<id>/` and printed by `hepml train --json`.

/** `interrupted`: its process died with the editor (or was killed) before it ended; a search resumes. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** One epoch of training history (Keras' History names). */
export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches (with the L2 penalty), as Keras reports it. */
  loss: number;
  /** Loss, accuracy and AUC on a sample of training events at the epoch's end. */
  train_loss: number;
  train_accuracy: number;
  train_auc: number;
  val_loss?: number;
  val_accuracy?: number;
  val_auc?: number;
  seconds: number;
}

export interface KsPair {
  statistic: number;
  pValue: number;
}

export interface TestMetrics {
  auc: number;
  accuracy: number;
  loss: number;
}

/** The contents of run.json. */
export interface RunRecord {
  id: string;
  name: string;
  status: RunStatus;
  kind: 'train' | 'search' | 'curve' | 'calibration' | 'ensemble' | 'explore';
  configFile: string;
  backend?: string;
  /** What computes the products: the native OpenBLAS addon, or wasm alone (see kernelsOf). */
  kernels?: string;
  versions: Record<string, string>;
  seeds: { split: number; training: number };
  created: string;
  finished?: string;
  seconds?: number;
  error?: string;
  pid: number;
  /** The kernel's start time of that process: a reused pid has another (Stop checks it). */
  processStart?: string;
  /** The machine the process runs on (pids mean nothing elsewhere). */
  host?: string;
  metrics?: TestMetrics;
  ks?: { signal: KsPair; background: KsPair };
  epochs?: number;
  bestEpoch?: number;
  /** Event-number folds: k models, each scoring the events its training did not see. */
  folds?: { k: number; by: string };
  /** With folds: metrics of every training event's out-of-fold score. */
  outOfFold?: TestMetrics;
  /** Seconds per phase (read, prepare, train, score, diagnostics, save, report). */
  timings?: Record<string, number>;
  /** Peak resident memory of the process, MB. */
  peakRssMB?: number;
}

/** The last line of `hepml train --json`. */
export interface TrainSummary {
  runDir: string;
  backend: string;
  metrics: TestMetrics;
  ks: { signal: KsPair; background: KsPair };
  epochs: number;
  seconds: number;
}
