// Child-process entry: runs one training job per request and reports over IPC.
import { loadConfig } from '../core/config/load';
import { runFoldJob } from '../core/lab/foldJob';
import { trainExperiment } from '../core/runs/trainExperiment';
import { parseWorkerRequest } from '../core/protocol/workerMessages';
import { Cancelled, isUserError, messageOf, TrainingDiverged } from '../core/util/errors';
import type { FoldJob, WorkerEvent } from '../shared/workerProtocol';

function send(event: WorkerEvent): void {
  process.send?.(event);
}

const HEARTBEAT_MS = 1000;
let cancelled = false;
/** The fold job now running, and whether the search pruned it. */
let currentJob: string | undefined;
let pruned = false;
let busy = false;
let training = false;

async function train(configFile: string, workspace: string): Promise<void> {
  busy = true;
  training = true;
  cancelled = false;
  try {
    const loaded = loadConfig(configFile, { workspace });
    const summary = await trainExperiment(loaded, {
      onStart: (run, backend) => send({ type: 'started', runDir: run.dir, backend }),
      onEpoch: (record, epochs) => send({ type: 'epoch', record, epochs }),
      isCancelled: () => cancelled,
    });
    send({ type: 'done', summary });
  } catch (error) {
    send({ type: 'failed', message: messageOf(error), userError: isUserError(error), ...(error instanceof Cancelled ? { cancelled: true as const } : {}) });
  } finally {
    busy = false;
    training = false;
  }
}

async function fold(job: FoldJob): Promise<void> {
  busy = true;
  cancelled = false;
  pruned = false;
  currentJob = job.id;
  try {
    const outcome = await runFoldJob(job, (epoch, epochs, intermediate) => {
      send({ type: 'progress', jobId: job.id, epoch, epochs, ...(intermediate !== undefined ? { intermediate } : {}) });
      return !cancelled && !pruned;
    });
    send({ type: 'foldDone', jobId: job.id, outcome });
  } catch (error) {
    // A diverged training fails its trial; other user errors (bad data) stop the whole search.
    send({ type: 'failed', jobId: job.id, message: messageOf(error), userError: isUserError(error) && !(error instanceof TrainingDiverged) });
  } finally {
    busy = false;
    currentJob = undefined;
  }
}

process.on('message', (raw) => {
  const request = parseWorkerRequest(raw);
  if (!request) {
    process.stderr.write(`hepml worker: ignored a malformed message\n`);
    return;
  }
  if (request.type === 'cancel') cancelled = true;
  else if (request.type === 'prune') pruned ||= request.jobId === currentJob;
  else if (busy) send({ type: 'failed', message: 'this worker is already busy', userError: false, jobId: request.type === 'fold' ? request.job.id : undefined });
  else if (request.type === 'fold') void fold(request.job);
  else void train(request.configFile, request.workspace);
});

process.on('disconnect', () => process.exit(0));
// `hepml stop` on this worker's training: it ends within a moment and the run is kept as
// cancelled. Otherwise (a search's pool stopping its workers) SIGTERM ends the worker at once.
process.on('SIGTERM', () => (training ? (cancelled = true) : process.exit(143)));
// Proof of life for the pool, which kills a worker that stops answering (hung or stopped).
setInterval(() => send({ type: 'heartbeat' }), HEARTBEAT_MS).unref();
send({ type: 'ready', pid: process.pid });
