import * as fs from 'node:fs';
import * as os from 'node:os';
import type { SearchEvent } from '../../shared/search';
import { JournalWriter, readJournal } from '../store/journal';
import { isAlive, readLockOwner, RunLock } from '../store/lock';
import { RunDirectory } from '../store/runStore';
import { UserError } from '../util/errors';
import { scancelByName } from '../execution/slurm/slurmCommands';
import { stopTraining } from '../lab/stopTraining';
import { RUN } from '../store/runLayout';

const DRIVER_STOP_TIMEOUT_MS = 60_000;

/** The last job of each trial that has neither finished nor been cancelled. */
function unfinishedJobs(records: SearchEvent[]): Map<number, string> {
  const open = new Map<number, string>();
  for (const event of records) {
    if (event.type === 'submitted') open.set(event.trial, event.job);
    else if (event.type === 'told' || event.type === 'failed' || (event.type === 'cancelled' && open.get(event.trial) === event.job)) open.delete(event.trial);
  }
  return open;
}

/**
 * Stops a run. A training: see stopTraining. A search: its driver, when one runs on this host (SIGTERM; it cancels its workers
 * or batch jobs itself), or else the batch jobs a dead driver left behind (`scancel --name`).
 */
export async function stopSearch(runDir: string): Promise<string> {
  const run = new RunDirectory(runDir);
  if (!run.has(RUN.record)) throw new UserError(`${runDir}: not a run folder (no ${RUN.record.name}).`);
  const current = run.readRecord();
  if (current.kind === 'train') return stopTraining(run, current);
  const owner = readLockOwner(run.path(RUN.lock));
  if (owner && owner.host !== os.hostname()) throw new UserError(`${runDir}: its search runs on ${owner.host} (process ${owner.pid}); stop it there.`);
  if (owner && isAlive(owner.pid)) {
    process.kill(owner.pid, 'SIGTERM');
    const deadline = Date.now() + DRIVER_STOP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!fs.existsSync(run.path(RUN.lock)) || !isAlive(owner.pid)) return `stopped the search (process ${owner.pid}); resume it with --resume ${runDir}`;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new UserError(`process ${owner.pid} did not stop within ${DRIVER_STOP_TIMEOUT_MS / 1000}s; kill it with: kill -9 ${owner.pid}`);
  }
  const config = run.read(RUN.config);
  const record = run.readRecord();
  if (record.status === 'running') run.updateRecord({ status: 'cancelled', finished: new Date().toISOString() });
  if (config.execution?.backend !== 'slurm') return 'no search process runs for this run';
  // The driver is gone but its jobs may not be: cancel every job named after the run, and say so
  // in the journal (holding the lock, as its only writer) so that a resume submits them afresh.
  const lock = RunLock.acquire(run.path(RUN.lock));
  try {
    await scancelByName(`hepml-${run.id}`);
    const journalFile = run.path(RUN.journal);
    const open = unfinishedJobs(readJournal<SearchEvent>(journalFile).records);
    const journal = new JournalWriter<SearchEvent>(journalFile);
    for (const [trial, job] of open) journal.append({ type: 'cancelled', trial, job });
    journal.close();
  } finally {
    lock.release();
  }
  return `cancelled the batch jobs of ${run.id} (scancel --name=hepml-${run.id})`;
}
