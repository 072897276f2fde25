import type { FoldOutcome } from '../../shared/workerProtocol';
import { messageOf, UserError } from '../util/errors';
import type { TrialCallbacks, TrialExecutor, TrialTask } from './executor';
import { writeFoldOutcome } from './trialFolds';
import { JobFailure, WorkerPool } from './workerPool';

export interface LocalExecutorOptions {
  workerScript: string;
  /** The search's run folder: each fold's whole outcome goes to its trial's folder there. */
  runDir: string;
  jobs: number;
  configFile: string;
  workspace: string;
  timeoutMs: number;
  /** Retries of a fold whose worker crashed or timed out. */
  maxRetries: number;
  log: (line: string) => void;
  /** Whether the search is stopping (a failure then cancels instead of retrying). */
  isStopping: () => boolean;
}

/** Runs trials fold by fold in a pool of worker processes on this machine. */
export class LocalExecutor implements TrialExecutor {
  private readonly pool: WorkerPool;

  constructor(private readonly options: LocalExecutorOptions) {
    this.pool = new WorkerPool(options.workerScript, { size: options.jobs, timeoutMs: options.timeoutMs, onWorkerLog: (line) => options.log(`worker: ${line}`) });
  }

  get description(): string {
    return `workers: ${this.pool.pids.join(' ')}`;
  }

  // Keep every worker busy: another trial starts while no more folds are pending than workers.
  hasRoom(_activeTrials: number, pendingFolds: number): boolean {
    return pendingFolds <= this.options.jobs;
  }

  async run(task: TrialTask, callbacks: TrialCallbacks): Promise<void> {
    const results = await Promise.allSettled(task.folds.map((fold) => this.runFold(task, fold, callbacks)));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  }

  private async runFold(task: TrialTask, fold: number, callbacks: TrialCallbacks): Promise<FoldOutcome> {
    const { configFile, workspace, maxRetries } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        const outcome = await this.pool.run({ id: `${task.trial}:${fold}:${attempt}`, config: task.config, configFile, workspace, fold, folds: task.k, ...(task.scorings ? { scorings: task.scorings } : {}) });
        writeFoldOutcome(this.options.runDir, task.trial, fold, outcome);
        callbacks.onFold(fold, outcome);
        return outcome;
      } catch (error) {
        const failure = error instanceof JobFailure ? error : new JobFailure(messageOf(error), 'error');
        if (failure.userError) throw new UserError(failure.message);
        if (failure.kind === 'cancelled' || this.options.isStopping()) throw new JobFailure(failure.message, 'cancelled');
        if ((failure.kind === 'crash' || failure.kind === 'timeout') && attempt < maxRetries) {
          this.options.log(`[CV ${fold + 1}/${task.k}] ${task.label}: ${failure.message}; retrying`);
          callbacks.onRetry?.(fold, failure.message);
          continue;
        }
        throw failure;
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
