import { isPhysicsScoring } from '../metrics/physicsScores';
import type { WorkerEvent, WorkerRequest } from '../../shared/workerProtocol';

/** Larger than any legitimate message; anything bigger is refused unread. */
export const MAX_MESSAGE_BYTES = 1_000_000;

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.prototype.hasOwnProperty.call(value, '__proto__');
}

export function tooLarge(value: unknown): boolean {
  try {
    return JSON.stringify(value).length > MAX_MESSAGE_BYTES;
  } catch {
    return true;
  }
}

/** A request from the host, or undefined when the message is malformed. */
export function parseWorkerRequest(value: unknown): WorkerRequest | undefined {
  if (!isPlainRecord(value) || tooLarge(value)) return undefined;
  if (value.type === 'cancel') return { type: 'cancel' };
  if (value.type === 'prune') return typeof value.jobId === 'string' ? { type: 'prune', jobId: value.jobId } : undefined;
  if (value.type === 'fold' && isPlainRecord(value.job)) {
    const job = value.job;
    const valid =
      typeof job.id === 'string' && typeof job.configFile === 'string' && typeof job.workspace === 'string' &&
      Number.isInteger(job.fold) && Number.isInteger(job.folds) && (job.fold as number) >= 0 && (job.fold as number) < (job.folds as number) && isPlainRecord(job.config) &&
      (job.trainSize === undefined || (Number.isInteger(job.trainSize) && (job.trainSize as number) > 0)) &&
      (job.scoreTraining === undefined || typeof job.scoreTraining === 'boolean') &&
      (job.predictions === undefined || typeof job.predictions === 'boolean') &&
      (job.refit === undefined || typeof job.refit === 'boolean') &&
      (job.intermediate === undefined || job.intermediate === 'auc' || job.intermediate === 'loss') &&
      (job.scorings === undefined || (Array.isArray(job.scorings) && job.scorings.every((s) => typeof s === 'string' && isPhysicsScoring(s))));
    return valid ? ({ type: 'fold', job } as unknown as WorkerRequest) : undefined;
  }
  if (value.type === 'train' && typeof value.configFile === 'string' && typeof value.workspace === 'string') {
    return { type: 'train', configFile: value.configFile, workspace: value.workspace };
  }
  return undefined;
}

/** An event from a worker, or undefined when the message is malformed. */
export function parseWorkerEvent(value: unknown): WorkerEvent | undefined {
  if (!isPlainRecord(value) || tooLarge(value)) return undefined;
  switch (value.type) {
    case 'heartbeat':
      return { type: 'heartbeat' };
    case 'ready':
      return typeof value.pid === 'number' ? { type: 'ready', pid: value.pid } : undefined;
    case 'started':
      return typeof value.runDir === 'string' && typeof value.backend === 'string' ? { type: 'started', runDir: value.runDir, backend: value.backend } : undefined;
    case 'epoch':
      return isPlainRecord(value.record) && typeof value.record.epoch === 'number' && typeof value.epochs === 'number'
        ? ({ type: 'epoch', record: value.record, epochs: value.epochs } as unknown as WorkerEvent)
        : undefined;
    case 'progress':
      return typeof value.jobId === 'string' && typeof value.epoch === 'number' && typeof value.epochs === 'number'
        ? { type: 'progress', jobId: value.jobId, epoch: value.epoch, epochs: value.epochs, ...(typeof value.intermediate === 'number' ? { intermediate: value.intermediate } : {}) }
        : undefined;
    case 'foldDone':
      return typeof value.jobId === 'string' && isPlainRecord(value.outcome) && isPlainRecord(value.outcome.scores) && typeof value.outcome.seconds === 'number'
        ? ({ type: 'foldDone', jobId: value.jobId, outcome: value.outcome } as unknown as WorkerEvent)
        : undefined;
    case 'done':
      return isPlainRecord(value.summary) && typeof value.summary.runDir === 'string' ? ({ type: 'done', summary: value.summary } as unknown as WorkerEvent) : undefined;
    case 'failed':
      return typeof value.message === 'string' && typeof value.userError === 'boolean' && (value.jobId === undefined || typeof value.jobId === 'string') && (value.cancelled === undefined || value.cancelled === true)
        ? { type: 'failed', message: value.message, userError: value.userError, jobId: value.jobId as string | undefined, ...(value.cancelled ? { cancelled: true as const } : {}) }
        : undefined;
    default:
      return undefined;
  }
}
