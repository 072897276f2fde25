import type { FoldOutcome } from '../../shared/workerProtocol';
import { appendAll } from '../util/arrays';
import { messageOf, UserError } from '../util/errors';
import type { TrialCallbacks, TrialEnd, TrialExecutor, TrialTask } from './executor';
import { foldRequests } from './executor';
import { writeFoldOutcome } from './trialFolder';
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

  async run(task: TrialTask, callbacks: TrialCallbacks): Promise<TrialEnd> {
    const trial = { pruned: false };
    const results: PromiseSettledResult<FoldOutcome | undefined>[] = [];
    let next = 0;
    while (task.sequential?.() && next < task.folds.length && !trial.pruned) {
      const [result] = await Promise.allSettled([this.runFold(task, task.folds[next++], callbacks, trial)]);
      results.push(result);
      if (result.status === 'rejected') next = task.folds.length;
    }
    // The rest at once: no pruner, or no other trial left to keep the workers busy.
    if (!trial.pruned) appendAll(results, await Promise.allSettled(task.folds.slice(next).map((fold) => this.runFold(task, fold, callbacks, trial))));
    if (trial.pruned) return 'pruned';
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    return 'done';
  }

  private async runFold(task: TrialTask, fold: number, callbacks: TrialCallbacks, trial: { pruned: boolean }): Promise<FoldOutcome | undefined> {
    const { configFile, workspace, maxRetries } = this.options;
    // Once the pruner stops the trial, its other folds stop too (queued ones never start).
    const onEpoch = (epoch: number, _epochs: number, value: number | undefined) => {
      if (trial.pruned || value === undefined || !callbacks.onEpoch?.(fold, epoch, value)) return;
      trial.pruned = true;
      this.pool.stop((id) => id.startsWith(`${task.trial}:`));
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const job = { id: `${task.trial}:${fold}:${attempt}`, config: task.config, configFile, workspace, fold, folds: task.k, ...foldRequests(task) };
        const outcome = await this.pool.run(job, onEpoch);
        // A pruned trial's folds are not results: the journal holds the prune.
        if (trial.pruned) return undefined;
        writeFoldOutcome(this.options.runDir, task.trial, fold, outcome);
        callbacks.onFold(fold, outcome);
        return outcome;
      } catch (error) {
        if (trial.pruned) return undefined;
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
