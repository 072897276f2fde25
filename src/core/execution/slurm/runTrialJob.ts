import { runFoldJob } from '../../lab/foldJob';
import { isUserError, messageOf, TrainingDiverged, UserError } from '../../util/errors';
import { pruneRequested, readFoldOutcomes, readTrialSpec, trialDirectory, writeFoldOutcome, writeIntermediate, writeTrialFailure } from '../trialFolder';
import { TRIAL } from '../../store/runLayout';
import { foldRequests } from '../executor';


/**
 * Runs one trial of a search on this host (a batch job's body): every fold not already on
 * disk, each written as its own file the moment it ends, so that a cancelled or preempted
 * job's retry starts from the folds it lacks. Returns false when the trial failed.
 */
export async function runTrialJob(runDir: string, trial: number, log: (line: string) => void): Promise<boolean> {
  const spec = readTrialSpec(runDir, trial);
  if (!spec) throw new UserError(`${trialDirectory(runDir, trial)}: no ${TRIAL.spec.name}; this trial was never submitted by hepml search.`);
  const done = readFoldOutcomes(runDir, trial, spec.k);
  const job = process.env.SLURM_JOB_ID ? `${process.env.SLURM_ARRAY_JOB_ID ?? process.env.SLURM_JOB_ID}_${process.env.SLURM_ARRAY_TASK_ID ?? ''}` : undefined;
  for (let fold = 0; fold < spec.k; fold++) {
    if (done.has(fold)) {
      log(`trial ${trial + 1} fold ${fold + 1}/${spec.k}: already done`);
      continue;
    }
    if (pruneRequested(runDir, trial)) break;
    try {
      const curve: number[] = [];
      // With a pruner: the scores go where the driver polls them, and its prune request ends the fold.
      const onEpoch = (_epoch: number, _epochs: number, value?: number) => {
        if (value === undefined) return true;
        curve.push(value);
        writeIntermediate(runDir, trial, fold, curve);
        return !pruneRequested(runDir, trial);
      };
      const job = { id: `${trial}:${fold}`, config: spec.config, configFile: spec.configFile, workspace: spec.workspace, fold, folds: spec.k, ...foldRequests(spec) };
      const outcome = await runFoldJob(job, onEpoch);
      if (pruneRequested(runDir, trial)) {
        log(`trial ${trial + 1} fold ${fold + 1}/${spec.k}: pruned by the search after epoch ${outcome.epochs}`);
        break;
      }
      writeFoldOutcome(runDir, trial, fold, outcome);
      log(`trial ${trial + 1} fold ${fold + 1}/${spec.k}: auc=${outcome.scores.auc.toFixed(4)} in ${outcome.seconds.toFixed(1)}s`);
    } catch (error) {
      // A diverged training fails its trial; other user errors (bad data) stop the whole search.
      writeTrialFailure(runDir, trial, { reason: messageOf(error), userError: isUserError(error) && !(error instanceof TrainingDiverged), job });
      log(`trial ${trial + 1} fold ${fold + 1}/${spec.k} failed: ${messageOf(error)}`);
      return false;
    }
  }
  return true;
}
