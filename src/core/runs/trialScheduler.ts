import type { HepmlConfig, ResolvedSearch } from '../../shared/config';
import type { SearchEvent } from '../../shared/search';
import type { SearchProgress } from '../../shared/searchProgress';
import { applyPoint } from '../config/configPaths';
import { resolveConfig } from '../config/resolve';
import { intermediateMetric } from '../config/resolveSearch';
import type { TrialExecutor, TrialTask } from '../execution/executor';
import { JobFailure } from '../execution/workerPool';
import { isPhysicsScoring } from '../metrics/physicsScores';
import { describePoint } from '../search/configSpace';
import type { Study, StudyTrial } from '../search/study';
import { UserError, messageOf } from '../util/errors';
import { appendAll } from '../util/arrays';

export interface SchedulerContext {
  raw: HepmlConfig;
  search: ResolvedSearch;
  /** The searched config paths, and their short forms for log lines. */
  names: string[];
  shortNames: string[];
  executor: TrialExecutor;
  /** Batch jobs journalled per trial (submitted, not cancelled), to re-attach on resume. */
  submittedJobs: Map<number, string[]>;
  journal: (event: SearchEvent) => void;
  log: (line: string) => void;
  progress: (event: SearchProgress) => void;
  /** Called as each trial ends (trials.json follows the search). */
  onTrialEnded: () => void;
  isStopping: () => boolean;
}

/** The physics scores a search's folds compute besides the usual ones: its scoring's, and a second objective's. */
function foldScorings(search: ResolvedSearch): { scorings?: string[] } {
  const physics = [search.scoring, ...search.objectives.slice(1)].filter(isPhysicsScoring);
  return physics.length ? { scorings: physics } : {};
}

/**
 * Keeps the executor busy with the study's trials until the budget is spent, the user stops,
 * or too many trials fail in a row; each fold's result and the pruner's decisions go to the study.
 */
export class TrialScheduler {
  private consecutiveFailures = 0;
  private fatal: Error | undefined;
  private readonly active = new Map<number, Promise<void>>();
  /** Trials of an earlier driver to run again before new ones are asked. */
  private readonly queued: StudyTrial[] = [];
  private wake: () => void = () => undefined;
  private woken = Promise.resolve();

  constructor(
    private readonly study: Study,
    private readonly ctx: SchedulerContext,
  ) {
    this.rearm();
  }

  /** Resolved whenever a fold ends, so that new trials start while others finish their folds. */
  private rearm(): void {
    this.woken = new Promise<void>((resolve) => (this.wake = resolve));
  }

  private foldEnded(): void {
    this.wake();
    this.rearm();
  }

  /** Runs every trial; throws a UserError (or the executor's fatal error) that stops the search. */
  async runAll(): Promise<void> {
    const { search, executor } = this.ctx;
    const queued = this.queued;
    appendAll(queued, [...this.study.trials.values()].filter((t) => t.status === 'running'));
    const nextTrial = () => queued.shift() ?? (this.study.trials.size < search.nCalls ? this.study.ask() : undefined);
    // A trial running its first fold alone (with a pruner) holds one worker.
    const foldsAtOnce = (id: number) => {
      const trial = this.study.trials.get(id)!;
      return search.pruner.type !== 'none' && this.firstFoldAlone(trial) ? 1 : search.cv - trial.folds.size;
    };
    const inflightFolds = () => [...this.active.keys()].reduce((n, id) => n + foldsAtOnce(id), 0);
    for (;;) {
      while (!this.ctx.isStopping() && !this.fatal && this.consecutiveFailures < search.maxConsecutiveFailures && executor.hasRoom(this.active.size, inflightFolds())) {
        const trial = nextTrial();
        if (!trial) break;
        const running = this.runTrial(trial)
          .catch((error: Error) => void (this.fatal ??= error))
          .finally(() => this.active.delete(trial.trial));
        this.active.set(trial.trial, running);
      }
      if (this.active.size === 0) break;
      await Promise.race([...this.active.values(), this.woken]);
    }
    if (this.fatal) throw this.fatal;
    if (this.consecutiveFailures >= search.maxConsecutiveFailures) this.ctx.log(`stopping: ${this.consecutiveFailures} trials failed in a row (search.maxConsecutiveFailures)`);
  }

  /**
   * With a pruner, a trial's first fold runs alone while other trials are left to start: most
   * prunes come on it, and a pruned trial then costs one fold. Once it has passed, or no trial is
   * left to start, the other folds run at once (so a surviving trial is not a long chain).
   */
  private firstFoldAlone(trial: StudyTrial): boolean {
    const moreTrials = this.queued.length > 0 || this.study.trials.size < this.ctx.search.nCalls;
    return !this.ctx.isStopping() && moreTrials && trial.folds.size === 0;
  }

  private taskOf(trial: StudyTrial): TrialTask {
    const { raw, search, names, shortNames, submittedJobs } = this.ctx;
    const missing = Array.from({ length: search.cv }, (_, f) => f).filter((f) => !trial.folds.has(f));
    const config = applyPoint(raw, names, trial.point);
    return {
      trial: trial.trial, config, epochs: resolveConfig(config, '').training.epochs, folds: missing, k: search.cv, label: describePoint(shortNames, trial.point), previousJobs: submittedJobs.get(trial.trial) ?? [],
      ...foldScorings(search),
      ...(search.pruner.type !== 'none' ? { intermediate: intermediateMetric(search.scoring), sequential: () => this.firstFoldAlone(trial) } : {}),
      ...(search.constraints.ksPValueMin !== undefined || search.objectives.includes('ksPValue') ? { overtraining: true } : {}),
    };
  }

  private async runTrial(trial: StudyTrial): Promise<void> {
    const { search, log, progress, journal } = this.ctx;
    const task = this.taskOf(trial);
    progress({ type: 'trialStarted', trial: trial.trial, params: Object.fromEntries(this.ctx.names.map((n, i) => [n, trial.point[i]])) });
    let end;
    try {
      end = await this.ctx.executor.run(task, {
        onFold: (fold, outcome) => {
          // Loss per epoch and binned predictions stay in the trial's folder, for its dashboard.
          this.study.foldDone(trial.trial, fold, { ...outcome, history: undefined, heldOutHistogram: undefined });
          this.foldEnded();
          log(`[CV ${fold + 1}/${search.cv}] ${task.label} ..... ${search.scoring}=${outcome.scores[search.scoring].toFixed(3)} total=${outcome.seconds.toFixed(1)}s`);
          progress({ type: 'foldDone', trial: trial.trial, fold, score: outcome.scores[search.scoring], seconds: outcome.seconds });
        },
        onEpoch: (fold, epoch, value) => this.reportEpoch(trial, task, fold, epoch, value),
        onRetry: (fold, reason) => progress({ type: 'foldRetried', trial: trial.trial, fold, reason }),
        onSubmitted: (job) => journal({ type: 'submitted', trial: trial.trial, job }),
        onCancelled: (job) => journal({ type: 'cancelled', trial: trial.trial, job }),
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (this.ctx.isStopping() || (error instanceof JobFailure && error.kind === 'cancelled')) return;
      return this.failTrial(trial, messageOf(error));
    }
    if (end === 'done') this.completeTrial(trial);
    this.ctx.onTrialEnded();
  }

  private reportEpoch(trial: StudyTrial, task: TrialTask, fold: number, epoch: number, value: number): boolean {
    // The last epoch of the trial's last fold: its result is in, pruning would save nothing.
    const last = epoch === task.epochs && task.folds.every((f) => f === fold || trial.folds.has(f));
    if (this.ctx.isStopping() || !this.study.reportEpoch(trial.trial, fold, epoch, value, !last)) return false;
    this.ctx.log(`[CV ${fold + 1}/${task.k}] ${task.label} ..... pruned after epoch ${epoch} (${task.intermediate}=${value.toFixed(4)})`);
    this.ctx.progress({ type: 'trialPruned', trial: trial.trial, fold, epoch, value });
    this.consecutiveFailures = 0;
    this.foldEnded();
    return true;
  }

  private completeTrial(trial: StudyTrial): void {
    this.study.complete(trial.trial);
    this.ctx.progress({ type: 'trialTold', trial: trial.trial, score: trial.score!, std: trial.std! });
    this.consecutiveFailures = Number.isFinite(trial.score) ? 0 : this.consecutiveFailures + 1;
  }

  private failTrial(trial: StudyTrial, reason: string): void {
    this.study.fail(trial.trial, reason);
    this.consecutiveFailures++;
    this.ctx.log(`trial ${trial.trial + 1} failed: ${reason}`);
    this.ctx.progress({ type: 'trialFailed', trial: trial.trial, reason });
    this.ctx.onTrialEnded();
  }
}
