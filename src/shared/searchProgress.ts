/**
 * What `hepml search --events` prints, one JSON object a line on stdout, as the search goes:
 * the editor's status bar and progress follow these instead of the human log.
 */
export type SearchProgress =
  /** Folds per trial, trials planned, fits in all, and trials a resume found already done. */
  | { type: 'planned'; folds: number; candidates: number; fits: number; resumedTrials: number }
  | { type: 'foldDone'; trial: number; fold: number; score: number; seconds: number }
  /** A fold (a SLURM job: all its trial's missing folds, fold -1) is run again after a crash or timeout. */
  | { type: 'foldRetried'; trial: number; fold: number; reason: string }
  | { type: 'trialTold'; trial: number; score: number; std: number }
  | { type: 'trialFailed'; trial: number; reason: string }
  | { type: 'refit' };

/** The tag of an events line, so that other stdout lines (the summary) are never taken for one. */
export const PROGRESS_KEY = 'searchProgress';
