import * as path from 'node:path';
import type { ResolvedExecution } from '../../../shared/config';
import type { ClusterJob } from '../../../shared/search';
import { writeJsonAtomic } from '../../store/atomic';
import type { RunDirectory } from '../../store/runStore';
import { messageOf, UserError } from '../../util/errors';
import type { TrialCallbacks, TrialEnd, TrialExecutor, TrialTask } from '../executor';
import { foldRequests } from '../executor';
import { JobFailure } from '../workerPool';
import { sbatchArguments, writeJobScript } from './jobScript';
import { ENDED_STATES, sbatch, scancel, squeue, type JobState } from './slurmCommands';
import { clearTrialFailure, readFoldOutcome, readIntermediate, readTrialFailure, requestPrune, writeTrialSpec } from '../trialFolder';
import { RUN } from '../../store/runLayout';

export interface SlurmExecutorOptions {
  execution: ResolvedExecution;
  /** dist/cli.js, which the jobs run as `hepml trial`. */
  cliScript: string;
  configFile: string;
  workspace: string;
  /** Resubmissions of a trial whose job ended without its results (cancelled, timed out, preempted, node failure). */
  maxRetries: number;
  log: (line: string) => void;
}

interface Entry {
  task: TrialTask;
  callbacks: TrialCallbacks;
  resolve: (end: TrialEnd) => void;
  reject: (error: Error) => void;
  /** The current job, `<array id>_<trial>`. */
  job?: string;
  /** Jobs submitted for the trial so far, by this driver and earlier ones. */
  attempts: number;
  /** Folds handed to the driver (or journalled before this driver started). */
  reported: Set<number>;
  /** Polls in a row that found the job ended without all its folds (one is allowed for slow shared filesystems). */
  endedPolls: number;
  state: string;
  /** Epochs of each fold's intermediate scores handed to the driver. */
  epochsSeen: Map<number, number>;
  /** The driver pruned the trial; its job stops at its next epoch. */
  pruneAsked?: boolean;
}

/**
 * Runs each trial as a SLURM batch job (`hepml trial <runDir> <trial>`), trials that are ready
 * together going out as one job array. Jobs write their folds as files in the run folder; this
 * driver follows squeue and those files, journals what it finds, resubmits a trial whose job
 * ended without results, and re-attaches to the jobs of an earlier driver instead of
 * submitting them again.
 */
export class SlurmExecutor implements TrialExecutor {
  private readonly entries = new Map<number, Entry>();
  private readonly finished = new Map<number, ClusterJob>();
  private toSubmit: Entry[] = [];
  private readonly jobName: string;
  private readonly limit: number;
  private readonly script: string;
  private chain: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private timer?: NodeJS.Timeout;
  private liveJobsChecked = false;
  private squeueFailing = false;
  private lastJobsJson = '';
  private closing?: Promise<void>;

  constructor(
    private readonly runDirectory: RunDirectory,
    private readonly options: SlurmExecutorOptions,
  ) {
    this.jobName = `hepml-${runDirectory.id}`;
    this.limit = options.execution.maxConcurrentJobs;
    this.script = writeJobScript(runDirectory.dir, options.execution, options.cliScript);
  }

  get description(): string {
    const where = this.options.execution.partition ? ` on partition ${this.options.execution.partition}` : '';
    return `slurm: jobs named ${this.jobName}${where}, at most ${this.limit} at once; job logs in ${path.join(this.runDirectory.dir, 'slurm')}`;
  }

  hasRoom(activeTrials: number): boolean {
    return activeTrials < this.limit;
  }

  run(task: TrialTask, callbacks: TrialCallbacks): Promise<TrialEnd> {
    if (this.closing) return Promise.reject(new JobFailure('cancelled', 'cancelled'));
    const spec = { trial: task.trial, config: task.config, configFile: this.options.configFile, workspace: this.options.workspace, k: task.k, ...foldRequests(task) };
    writeTrialSpec(this.runDirectory.dir, spec);
    return new Promise<TrialEnd>((resolve, reject) => {
      const reported = new Set(Array.from({ length: task.k }, (_, f) => f).filter((f) => !task.folds.includes(f)));
      const entry: Entry = { task, callbacks, resolve, reject, attempts: task.previousJobs.length, reported, endedPolls: 0, state: 'READY', epochsSeen: new Map() };
      this.entries.set(task.trial, entry);
      if (task.previousJobs.length > 0) {
        // An earlier driver submitted it: follow that job; the next poll says whether it lives.
        entry.job = task.previousJobs.at(-1);
        entry.state = 'ATTACHED';
      } else {
        this.toSubmit.push(entry);
        this.scheduleFlush();
      }
      this.timer ??= setInterval(() => this.serially(() => this.poll()), this.options.execution.pollInterval * 1000);
    });
  }

  /** Runs squeue/sbatch work one step at a time, so that a poll never races a submission. */
  private serially(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((error: unknown) => this.failAll(error instanceof Error ? error : new Error(messageOf(error))));
  }

  // Trials started in the same turn of the event loop go out as one array.
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.serially(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.closing || this.toSubmit.length === 0) return;
    if (!this.liveJobsChecked) await this.attachUnrecordedJobs();
    // New trials and retries; a new trial adopted from a live job above is followed, not submitted.
    const batch = this.toSubmit.filter((entry) => !entry.job || entry.state === 'RETRY');
    this.toSubmit = [];
    if (batch.length === 0) return;
    for (const entry of batch) clearTrialFailure(this.runDirectory.dir, entry.task.trial);
    const trials = batch.map((entry) => entry.task.trial);
    const arrayId = await sbatch(sbatchArguments(this.runDirectory.dir, this.jobName, this.options.execution, trials, this.script));
    for (const entry of batch) {
      entry.job = `${arrayId}_${entry.task.trial}`;
      entry.attempts++;
      entry.endedPolls = 0;
      entry.state = 'PENDING';
      entry.callbacks.onSubmitted?.(entry.job);
    }
    this.options.log(`slurm: submitted job ${arrayId} (array of trial${trials.length > 1 ? 's' : ''} ${trials.map((t) => t + 1).join(', ')})`);
    this.writeJobs();
  }

  /**
   * A driver killed between sbatch and its journal line left a job it never recorded: before the
   * first submission, a live job of this run for the same trial is adopted instead of doubled.
   */
  private async attachUnrecordedJobs(): Promise<void> {
    this.liveJobsChecked = true;
    const states = await squeue(this.jobName);
    if (!states) return;
    for (const [job, { state }] of states) {
      const trial = Number(/_(\d+)$/.exec(job)?.[1]);
      const entry = this.entries.get(trial);
      if (!entry || entry.job || ENDED_STATES.has(state)) continue;
      entry.job = job;
      entry.attempts++;
      entry.state = state;
      entry.callbacks.onSubmitted?.(job);
      this.options.log(`slurm: trial ${trial + 1} re-attached to job ${job} (${state})`);
    }
  }

  private async poll(): Promise<void> {
    if (this.closing) return;
    const states = await squeue(this.jobName);
    if (!states) {
      if (!this.squeueFailing) this.options.log('slurm: squeue failed; trying again at the next poll');
      this.squeueFailing = true;
      return;
    }
    this.squeueFailing = false;
    for (const entry of [...this.entries.values()]) {
      if (entry.job) this.follow(entry, states.get(entry.job));
    }
    this.writeJobs();
    await this.flush();
  }

  private follow(entry: Entry, status: JobState | undefined): void {
    const { task } = entry;
    const ended = !status || ENDED_STATES.has(status.state);
    // A trial holds its slot until its job has left the queue (maxConcurrentJobs counts jobs).
    if (entry.pruneAsked) return ended ? this.settle(entry, 'PRUNED') : void (entry.state = 'PRUNING');
    // Only the folds not yet handed over are read again.
    for (let fold = 0; fold < task.k; fold++) {
      const outcome = entry.reported.has(fold) ? undefined : readFoldOutcome(this.runDirectory.dir, task.trial, fold);
      if (!outcome) continue;
      entry.reported.add(fold);
      entry.callbacks.onFold(fold, outcome);
    }
    if (entry.reported.size === task.k) return ended ? this.settle(entry, 'DONE') : void (entry.state = 'FINISHING');
    if (this.pruned(entry)) return ended ? this.settle(entry, 'PRUNED') : undefined;
    if (!ended) {
      entry.state = status.state;
      entry.endedPolls = 0;
      return;
    }
    const failure = readTrialFailure(this.runDirectory.dir, task.trial);
    if (failure) return this.settle(entry, 'FAILED', failure.userError ? new UserError(failure.reason) : new JobFailure(failure.reason, 'error'));
    if (++entry.endedPolls < 2) return;
    const why = status ? status.state : 'gone from squeue';
    if (entry.attempts <= this.options.maxRetries) {
      this.options.log(`slurm: job ${entry.job} of trial ${task.trial + 1} ended (${why}) before its folds were done; submitting it again`);
      entry.callbacks.onRetry?.(-1, `job ${entry.job} ended (${why})`);
      entry.state = 'RETRY';
      this.toSubmit.push(entry);
      return;
    }
    this.settle(entry, why, new JobFailure(`job ${entry.job} ended (${why}) before its folds were done, after ${entry.attempts} submission(s)`, 'crash'));
  }

  /**
   * Hands the job's new intermediate scores to the driver; when it prunes the trial, the job is
   * asked to stop (prune.json, read at its next epoch) and the trial ends here.
   */
  private pruned(entry: Entry): boolean {
    const { task } = entry;
    if (!task.intermediate || !entry.callbacks.onEpoch) return false;
    // A job runs its folds in order: only the first unfinished one is training.
    const fold = Array.from({ length: task.k }, (_, f) => f).find((f) => !entry.reported.has(f));
    if (fold === undefined) return false;
    const curve = readIntermediate(this.runDirectory.dir, task.trial, fold);
    for (let epoch = (entry.epochsSeen.get(fold) ?? 0) + 1; epoch <= curve.length; epoch++) {
      entry.epochsSeen.set(fold, epoch);
      if (!entry.callbacks.onEpoch(fold, epoch, curve[epoch - 1])) continue;
      requestPrune(this.runDirectory.dir, task.trial, { fold, epoch });
      this.options.log(`slurm: trial ${task.trial + 1} pruned; job ${entry.job} stops at its next epoch`);
      entry.pruneAsked = true;
      entry.state = 'PRUNING';
      return true;
    }
    return false;
  }

  private settle(entry: Entry, state: string, error?: Error): void {
    entry.state = state;
    this.entries.delete(entry.task.trial);
    this.finished.set(entry.task.trial, this.describeJob(entry));
    if (error) entry.reject(error);
    else entry.resolve(state === 'PRUNED' ? 'pruned' : 'done');
  }

  private describeJob(entry: Entry): ClusterJob {
    return { trial: entry.task.trial, job: entry.job ?? null, state: entry.state, attempts: entry.attempts, folds: entry.reported.size, k: entry.task.k };
  }

  /** jobs.json: every trial's job and state, for the editor's Experiments tree. */
  private writeJobs(): void {
    const jobs = [...this.finished.values(), ...[...this.entries.values()].map((e) => this.describeJob(e))].sort((a, b) => a.trial - b.trial);
    const text = JSON.stringify(jobs);
    if (text === this.lastJobsJson) return;
    this.lastJobsJson = text;
    writeJsonAtomic(this.runDirectory.path(RUN.jobs), jobs);
  }

  private failAll(error: Error): void {
    for (const entry of [...this.entries.values()]) this.settle(entry, 'FAILED', error);
  }

  /** Cancels every job this run has queued or running (scancel) and rejects their trials as cancelled. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.chain;
      const live = [...this.entries.values()].filter((e) => e.job && !ENDED_STATES.has(e.state)).map((e) => e.job!);
      if (live.length > 0) {
        await scancel(live);
        this.options.log(`slurm: cancelled job(s) ${live.join(' ')}`);
      }
      for (const entry of [...this.entries.values()]) {
        if (entry.job) entry.callbacks.onCancelled?.(entry.job);
        this.settle(entry, entry.job ? 'CANCELLED' : 'NOT SUBMITTED', new JobFailure('cancelled', 'cancelled'));
      }
      this.writeJobs();
    })();
    return this.closing;
  }
}
