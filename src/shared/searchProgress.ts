/**
 * What `hepml search --events` prints, one JSON object a line on stdout, as the search goes:
 * the editor's status bar and progress follow these instead of the human log.
 */
export type SearchProgress =
  /** Folds per trial, trials planned, fits in all, and trials a resume found already done. */
  | { type: 'planned'; folds: number; candidates: number; fits: number; resumedTrials: number }
  | { type: 'trialStarted'; trial: number; params: Record<string, number | string> }
  | { type: 'foldDone'; trial: number; fold: number; score: number; seconds: number }
  /** A fold (a SLURM job: all its trial's missing folds, fold -1) is run again after a crash or timeout. */
  | { type: 'foldRetried'; trial: number; fold: number; reason: string }
  | { type: 'trialTold'; trial: number; score: number; std: number }
  | { type: 'trialFailed'; trial: number; reason: string }
  /** The pruner stopped the trial: fold `fold` was behind the others at epoch `epoch`. */
  | { type: 'trialPruned'; trial: number; fold: number; epoch: number; value: number }
  | { type: 'refit' }
  /** The search ended: trials completed, failed and pruned, the best CV score, seconds. */
  | { type: 'summary'; completed: number; failed: number; pruned: number; bestTrial: number | null; bestScore: number | null; seconds: number };

/** The tag of an events line, so that other stdout lines (the summary) are never taken for one. */
export const PROGRESS_KEY = 'searchProgress';
