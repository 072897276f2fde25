// Messages between the extension host (or any parent) and a worker child process.
import type { EpochRecord, TrainSummary } from './run';

/** host -> worker */
export type WorkerRequest = { type: 'train'; configFile: string; workspace: string } | { type: 'cancel' };

/** worker -> host */
export type WorkerEvent =
  | { type: 'ready'; pid: number }
  | { type: 'started'; runDir: string; backend: string }
  | { type: 'epoch'; record: EpochRecord; epochs: number }
  | { type: 'done'; summary: TrainSummary }
  | { type: 'failed'; message: string; userError: boolean };
