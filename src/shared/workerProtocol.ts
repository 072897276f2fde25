// Messages between a parent (CLI search driver, extension host) and a worker child process.
import type { EpochRecord, TrainSummary } from './run';

/** One fold of one trial: the config (with the trial's point applied) and where its files are. */
export interface FoldJob {
  id: string;
  /** The trial's config as JSON (HepmlConfig with the point applied). */
  config: unknown;
  /** The config file the paths in `config` are relative to, and the workspace they must stay in. */
  configFile: string;
  workspace: string;
  fold: number;
  folds: number;
  /** Train on only the first this-many events of the fold's training part (learning curves). */
  trainSize?: number;
  /** Also score the events the fold trained on (validation and learning curves). */
  scoreTraining?: boolean;
  /** Return the fold's predictions on its held-out events and on the test set (calibration). */
  predictions?: boolean;
  /** Ignore the fold: train on the whole training set; return its predictions on it and on the test set. */
  refit?: boolean;
  /** Physics scores to compute besides auc, accuracy and loss (a search's scoring: rejection@0.5, asimov, ...). */
  scorings?: string[];
  /** Report this validation score at each epoch's end (for a search's pruner). */
  intermediate?: IntermediateMetric;
  /** Also test the output on the trained events against the held-out ones (a search's ksPValueMin). */
  overtraining?: boolean;
}

/** The score a pruner compares between trials at an epoch: AUC or loss on the fold's held-out events. */
export type IntermediateMetric = 'auc' | 'loss';

export interface FoldScores {
  auc: number;
  weighted_auc: number;
  accuracy: number;
  loss: number;
  /** Physics scores asked for by the search or curve (asimov, ams, rejection@x, sigeff@x). */
  [scoring: string]: number;
}

export interface FoldOutcome {
  scores: FoldScores;
  /** Scores on the events the fold trained on, when asked. */
  trainingScores?: FoldScores;
  /** Events trained on. */
  trainSize?: number;
  /** Signal probabilities on the fold's held-out events (in fold order) and on the test set. */
  heldOutScores?: number[];
  testScores?: number[];
  /** With refit: predictions on the whole training set. */
  trainScores?: number[];
  /** Loss per epoch, for the trial's dashboard. */
  history?: FoldEpoch[];
  /** The fold's held-out signal probabilities binned per class (weighted), for the trial's ROC and score plots. */
  heldOutHistogram?: ScoreHistogram;
  epochs: number;
  seconds: number;
  /** The intermediate score (FoldJob.intermediate) after each epoch, epoch 1 first. */
  intermediate?: number[];
  /** With FoldJob.overtraining: KS p-values of the output, trained vs held-out events, per class. */
  ks?: { signal: number; background: number };
  /** Trainable parameters of the fold's network. */
  parameters?: number;
}

export interface FoldEpoch {
  epoch: number;
  loss: number;
  val_loss?: number;
}

/** Event weights per equal-width bin of the signal probability on [0, 1], per class. */
export interface ScoreHistogram {
  signal: number[];
  background: number[];
}

/** host -> worker */
export type WorkerRequest =
  | { type: 'train'; configFile: string; workspace: string }
  | { type: 'fold'; job: FoldJob }
  /** The search pruned the job's trial: end the fold after the current epoch. */
  | { type: 'prune'; jobId: string }
  | { type: 'cancel' };

/** worker -> host */
export type WorkerEvent =
  | { type: 'ready'; pid: number }
  | { type: 'heartbeat' }
  | { type: 'started'; runDir: string; backend: string }
  | { type: 'epoch'; record: EpochRecord; epochs: number }
  | { type: 'progress'; jobId: string; epoch: number; epochs: number; intermediate?: number }
  | { type: 'done'; summary: TrainSummary }
  | { type: 'foldDone'; jobId: string; outcome: FoldOutcome }
  /** `cancelled`: the user stopped it (not a failure). */
  | { type: 'failed'; message: string; userError: boolean; jobId?: string; cancelled?: true };
