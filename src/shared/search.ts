// Records of a hyper-parameter search: journal events, trials, and the --json summary.
import type { SearchMethod } from './config';
import type { FoldOutcome } from './workerProtocol';
import type { TestMetrics } from './run';

export type PointValue = number | string;

export type SearchEvent =
  | { type: 'search-started'; time: string; method: SearchMethod; names: string[]; pid: number }
  | { type: 'asked'; trial: number; point: PointValue[] }
  | { type: 'submitted'; trial: number; job: string }
  /** A Stop cancelled the job: on resume the trial is submitted afresh, the attempt not counted. */
  | { type: 'cancelled'; trial: number; job: string }
  | { type: 'fold'; trial: number; fold: number; outcome: FoldOutcome }
  | { type: 'told'; trial: number; score: number; std: number }
  | { type: 'failed'; trial: number; reason: string }
  /**
   * The pruner stopped the trial: fold `fold` at epoch `epoch` (1-based) scored `value` (the
   * intermediate score; `curve` the fold's scores up to then). The sampler was told `told`
   * (core/search/study.ts, prunedScore).
   */
  | { type: 'pruned'; trial: number; fold: number; epoch: number; value: number; told: number; curve: number[] }
  | { type: 'search-finished'; time: string; bestTrial?: number };

export interface TrialRecord {
  trial: number;
  point: PointValue[];
  params: Record<string, PointValue>;
  status: 'running' | 'completed' | 'failed' | 'pruned';
  /** Mean cross-validation score (the configured scoring), and its std over folds. */
  score?: number;
  std?: number;
  foldScores: number[];
  seconds: number;
  reason?: string;
  /** Where the pruner stopped it (status pruned). */
  pruned?: { fold: number; epoch: number; value: number };
  /** With constraints, for a completed trial: what it measured, and each limit it broke (none: feasible). */
  constraints?: ConstraintValues;
  violations?: string[];
  /** In a two-objective search, a completed trial's value of each objective (as measured, not negated). */
  objectives?: number[];
}

/** What a trial measured against the search's constraints. */
export interface ConstraintValues {
  /** The overtraining KS p-value: per class the median over folds, then the smaller class. */
  ksPValue?: number;
  /** Trainable parameters of the network. */
  parameters?: number;
  /** Mean seconds of a fold. */
  fitSeconds?: number;
}

export interface SearchSummary {
  runDir: string;
  method: SearchMethod;
  trials: number;
  /** Trials the pruner stopped early. */
  pruned: number;
  /** Completed trials that broke a constraint (never best). */
  infeasible?: number;
  /** A two-objective search: its objectives, the trials on the Pareto front, and the rule that chose `best` among them. */
  pareto?: { objectives: string[]; front: number[]; rule: 'one-standard-error' };
  best: { params: Record<string, PointValue>; score: number; std: number } | null;
  test: (TestMetrics & { runDir: string }) | null;
  seconds: number;
}

/** A trial's batch job as the driver last saw it (jobs.json, for the Experiments tree). */
export interface ClusterJob {
  trial: number;
  /** `<array job id>_<trial>`; null before submission. */
  job: string | null;
  /** SLURM's state (PENDING, RUNNING, ...), or DONE / FAILED / RETRY / CANCELLED as the driver judged it. */
  state: string;
  attempts: number;
  /** Folds finished of k. */
  folds: number;
  k: number;
}
