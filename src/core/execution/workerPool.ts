import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { parseWorkerEvent } from '../protocol/workerMessages';
import type { FoldJob, FoldOutcome, WorkerEvent } from '../../shared/workerProtocol';
import { lowerPriority, TRAINING_EXEC_ARGV, trainingEnvironment } from '../util/trainingProcess';

/** Why a job did not finish: its worker died, hung past the timeout, or reported an error. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'crash' | 'timeout' | 'error' | 'cancelled',
    readonly userError = false,
  ) {
    super(message);
  }
}

/** Told after each epoch of a running job: the epoch (1-based), of how many, and its intermediate score. */
export type EpochListener = (epoch: number, epochs: number, intermediate: number | undefined) => void;

interface Pending {
  job: FoldJob;
  resolve: (o: FoldOutcome) => void;
  reject: (e: JobFailure) => void;
  onEpoch?: EpochListener;
}

interface Slot {
  child: ChildProcess;
  /** When the worker last said anything (heartbeats included). */
  lastSeen: number;
  ready: Promise<void>;
  job?: Pending & { timer?: NodeJS.Timeout };
}

export interface PoolOptions {
  size: number;
  /** A job running longer is killed with its worker and fails with kind 'timeout'. */
  timeoutMs: number;
  /** A busy worker silent for longer (hung, or stopped with SIGSTOP) is killed; its job fails as a crash. */
  heartbeatTimeoutMs?: number;
  onWorkerLog?: (line: string) => void;
}

const KILL_GRACE_MS = 2000;
const DEFAULT_HEARTBEAT_TIMEOUT_MS = Number(process.env.HEPML_HEARTBEAT_TIMEOUT_MS ?? 30_000);

/**
 * A pool of long-lived worker processes, each running one fold at a time (so a trial pays no
 * start-up cost). A worker that crashes or hangs fails its job and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly script: string,
    private readonly options: PoolOptions,
  ) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
    const limit = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.watchdog = setInterval(() => this.checkHeartbeats(limit), Math.min(1000, limit / 2));
    this.watchdog.unref();
  }

  private checkHeartbeats(limit: number): void {
    const now = performance.now();
    for (const slot of this.slots) {
      if (!slot.job || now - slot.lastSeen <= limit) continue;
      const running = slot.job;
      slot.job = undefined;
      clearTimeout(running.timer);
      this.options.onWorkerLog?.(`worker ${slot.child.pid} silent for ${Math.round((now - slot.lastSeen) / 1000)}s; killing it`);
      running.reject(new JobFailure(`worker ${slot.child.pid} stopped answering (no heartbeat for ${Math.round(limit / 1000)}s) during fold ${running.job.fold + 1}`, 'crash'));
      slot.child.kill('SIGKILL');
    }
  }

  /** Process ids of the live workers. */
  get pids(): number[] {
    return this.slots.map((s) => s.child.pid!).filter(Boolean);
  }

  run(job: FoldJob, onEpoch?: EpochListener): Promise<FoldOutcome> {
    if (this.closed) return Promise.reject(new JobFailure('the worker pool is closed', 'cancelled'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject, onEpoch });
      this.dispatch();
    });
  }

  /**
   * Ends jobs early (a pruned trial): a queued one is dropped (rejected as cancelled), a running
   * one is told to stop after its current epoch and resolves with what it trained so far.
   */
  stop(jobIds: (id: string) => boolean): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (jobIds(this.queue[i].job.id)) this.queue.splice(i, 1)[0].reject(new JobFailure('pruned', 'cancelled'));
    }
    for (const slot of this.slots) {
      if (slot.job && jobIds(slot.job.job.id) && slot.child.connected) slot.child.send({ type: 'prune', jobId: slot.job.job.id });
    }
  }

  private spawn(): Slot {
    const child = fork(this.script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json', execArgv: TRAINING_EXEC_ARGV, env: trainingEnvironment() });
    lowerPriority(child.pid);
    let markReady: () => void = () => undefined;
    const slot: Slot = { child, lastSeen: performance.now(), ready: new Promise<void>((resolve) => (markReady = resolve)) };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => text.split('\n').filter(Boolean).forEach((line) => this.options.onWorkerLog?.(line)));
    child.on('message', (raw) => {
      slot.lastSeen = performance.now();
      const event = parseWorkerEvent(raw);
      if (!event) {
        this.options.onWorkerLog?.(`worker ${child.pid}: rejected a malformed message`);
        return;
      }
      if (event.type === 'ready') {
        markReady();
        this.dispatch();
        return;
      }
      this.handle(slot, event);
    });
    child.on('exit', (code, signal) => {
      const running = slot.job;
      slot.job = undefined;
      if (running) {
        clearTimeout(running.timer);
        running.reject(new JobFailure(`worker ${child.pid} died (${signal ?? `exit code ${code}`}) during fold ${running.job.fold + 1}`, 'crash'));
      }
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !this.closed) {
        this.slots[index] = this.spawn();
      }
      this.dispatch();
    });
    child.on('error', () => undefined);
    return slot;
  }

  private handle(slot: Slot, event: WorkerEvent): void {
    const running = slot.job;
    if (event.type === 'heartbeat') return;
    if (event.type === 'progress') {
      if (running && event.jobId === running.job.id) running.onEpoch?.(event.epoch, event.epochs, event.intermediate);
      return;
    }
    if ((event.type !== 'foldDone' && event.type !== 'failed') || !running || event.jobId !== running.job.id) {
      // A late or foreign result (e.g. from a job that already timed out) is ignored.
      return;
    }
    clearTimeout(running.timer);
    slot.job = undefined;
    if (event.type === 'foldDone') running.resolve(event.outcome);
    else running.reject(new JobFailure(event.message, 'error', event.userError));
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || slot.child.exitCode !== null || slot.child.signalCode !== null || !slot.child.connected) continue;
      void slot.ready.then(() => this.start(slot));
    }
  }

  private start(slot: Slot): void {
    if (slot.job || this.queue.length === 0 || !slot.child.connected) return;
    const next = this.queue.shift()!;
    const timer = setTimeout(() => {
      if (slot.job?.job.id !== next.job.id) return;
      slot.job = undefined;
      next.reject(new JobFailure(`fold ${next.job.fold + 1} ran past the ${this.options.timeoutMs / 1000}s trial timeout`, 'timeout'));
      slot.child.kill('SIGKILL');
    }, this.options.timeoutMs);
    slot.job = { ...next, timer };
    slot.lastSeen = performance.now();
    slot.child.send({ type: 'fold', job: next.job });
  }

  /** Stops every worker: SIGTERM, then SIGKILL after a grace period; pending jobs are cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const pending of this.queue.splice(0)) pending.reject(new JobFailure('cancelled', 'cancelled'));
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            const child = slot.child;
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** A pool for an analysis (curves, calibration, ensembles): `jobs` workers, every core by default. */
export function analysisPool(workerScript: string, jobs: number | undefined, log: (line: string) => void): WorkerPool {
  return new WorkerPool(workerScript, { size: Math.max(1, jobs ?? os.availableParallelism()), timeoutMs: 3600_000, onWorkerLog: (line) => log(`worker: ${line}`) });
}
