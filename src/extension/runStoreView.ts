import * as path from 'node:path';
import type { RunRecord } from '../shared/run';
import type { ClusterJob, TrialRecord } from '../shared/search';
import { listRuns, type RunDirectory } from '../core/store/runStore';
import { runsFolder } from './settings';
import { RUN } from '../core/store/runLayout';
import { searchScoring } from '../core/config/resolveSearch';

/** A run of a config, as the tree and the code lenses show it. */
export interface RunSummary {
  run: RunDirectory;
  record: RunRecord;
}

/** Runs of `configFile` in the workspace's store, newest first; unreadable runs are skipped. */
export function runsOf(workspace: string, configFile: string): RunSummary[] {
  const wanted = path.resolve(configFile);
  const out: RunSummary[] = [];
  for (const run of listRuns(workspace, runsFolder())) {
    try {
      const record = run.readRecord();
      if (path.resolve(record.configFile) === wanted) out.push({ run, record });
    } catch {
      // A run being written or damaged: leave it out of the view.
    }
  }
  return out;
}

export function trialsOf(run: RunDirectory): TrialRecord[] {
  try {
    return run.readIfPresent(RUN.trials) ?? [];
  } catch {
    return [];
  }
}

/** The batch jobs of a search run on a cluster (jobs.json, rewritten by the driver as they change). */
export function jobsOf(run: RunDirectory): ClusterJob[] {
  try {
    return run.readIfPresent(RUN.jobs) ?? [];
  } catch {
    return [];
  }
}

/** The scoring of a search run (its frozen config's search.scoring; AUC by default). */
export function scoringOf(run: RunDirectory): string {
  try {
    return searchScoring(run.read(RUN.config).search);
  } catch {
    return 'auc';
  }
}
