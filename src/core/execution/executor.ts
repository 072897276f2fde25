import type { HepmlConfig } from '../../shared/config';
import type { FoldJob, FoldOutcome, IntermediateMetric } from '../../shared/workerProtocol';

/** One trial to run: its config (the point applied) and the folds it still lacks. */
export interface TrialTask {
  trial: number;
  config: HepmlConfig;
  /** Folds not yet in the journal. */
  folds: number[];
  /** Folds in all (k of k-fold cross-validation). */
  k: number;
  /** Epochs each fold trains at most. */
  epochs: number;
  /** The point in words, for log lines. */
  label: string;
  /** Batch jobs an earlier driver submitted for this trial, oldest first (to re-attach, never resubmit). */
  previousJobs: string[];
  /** Physics scores the search ranks by, computed by the folds besides the usual ones. */
  scorings?: string[];
  /** With a pruner: the score each fold reports after every epoch. */
  intermediate?: IntermediateMetric;
  /** With a KS constraint: each fold tests its output on trained against held-out events. */
  overtraining?: boolean;
  /**
   * Asked before each fold: true runs it alone, the next waiting for it (with a pruner: a trial
   * pruned on its first fold then costs one fold's epochs, while other trials keep the workers
   * busy); false starts every remaining fold at once.
   */
  sequential?: () => boolean;
}

/** What every fold of a trial computes besides the usual scores, as a FoldJob's fields (only those set). */
export function foldRequests(from: Pick<TrialTask, 'scorings' | 'intermediate' | 'overtraining'>): Pick<FoldJob, 'scorings' | 'intermediate' | 'overtraining'> {
  return {
    ...(from.scorings ? { scorings: from.scorings } : {}),
    ...(from.intermediate ? { intermediate: from.intermediate } : {}),
    ...(from.overtraining ? { overtraining: true } : {}),
  };
}

/** How a trial's run ended: every fold done, or stopped by the pruner. */
export type TrialEnd = 'done' | 'pruned';

export interface TrialCallbacks {
  /**
   * A fold finished, its whole outcome already in the trial's folder (trialFolder.ts, written by
   * whoever ran it); the driver journals what a resume needs (only the driver writes the journal).
   */
  onFold(fold: number, outcome: FoldOutcome): void;
  /** A batch job was submitted for the trial; the driver journals its id before anything else happens. */
  onSubmitted?(job: string): void;
  /** A Stop cancelled the trial's batch job. */
  onCancelled?(job: string): void;
  /** A fold (-1: a batch job, all the trial's missing folds) runs again after a crash or a timeout. */
  onRetry?(fold: number, reason: string): void;
  /**
   * A fold's intermediate score after `epoch` (1-based), as it trains. Returning true prunes the
   * trial: its folds stop (a worker after its current epoch, a batch job at its next) and run
   * resolves 'pruned'. The driver journals the decision before returning.
   */
  onEpoch?(fold: number, epoch: number, value: number): boolean;
}

/**
 * Runs the trials of a search: a pool of local worker processes, or batch jobs on a cluster.
 * `run` resolves when every fold of the trial is done and rejects with a JobFailure (the trial
 * failed, or was cancelled) or a UserError (the whole search must stop).
 */
export interface TrialExecutor {
  /** A line for the log saying where trials run. */
  readonly description: string;
  /** Whether to start another trial now, given the trials in flight and their unfinished folds. */
  hasRoom(activeTrials: number, pendingFolds: number): boolean;
  run(task: TrialTask, callbacks: TrialCallbacks): Promise<TrialEnd>;
  /** Stops everything still running (workers killed, batch jobs cancelled); pending runs reject as cancelled. */
  close(): Promise<void>;
}
