import * as os from 'node:os';
import type { RunRecord } from '../../shared/run';
import { isAlive } from '../store/lock';
import { stillRuns } from '../store/processRegistry';
import type { RunDirectory } from '../store/runStore';
import { UserError } from '../util/errors';

const STOP_TIMEOUT_MS = 60_000;

function trainingProcessRuns(record: RunRecord): boolean {
  return record.processStart ? stillRuns({ pid: record.pid, startTime: record.processStart, command: 'training' }) : isAlive(record.pid);
}

/**
 * Stops a running training: SIGTERM to its process (the CLI's or the editor's worker), which
 * ends the epoch it is in and keeps the run as cancelled. A run whose process is gone is marked failed.
 */
export async function stopTraining(run: RunDirectory, record: RunRecord): Promise<string> {
  if (record.status !== 'running') return `${record.name} is not running (${record.status}).`;
  if (record.host && record.host !== os.hostname()) throw new UserError(`${run.dir}: it trains on ${record.host} (process ${record.pid}); stop it there.`);
  if (!trainingProcessRuns(record)) {
    run.updateRecord({ status: 'failed', error: 'the training process ended without finishing (killed?)', finished: new Date().toISOString() });
    return `its process ${record.pid} was gone; the run is marked failed.`;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (run.readRecord().status !== 'running' || !trainingProcessRuns(record)) return `stopped the training (process ${record.pid}); the run is kept as cancelled.`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new UserError(`process ${record.pid} did not stop within ${STOP_TIMEOUT_MS / 1000}s; kill it with: kill -9 ${record.pid}`);
}
