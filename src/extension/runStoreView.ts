import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig } from '../shared/config';
import type { RunRecord } from '../shared/run';
import { parseJson } from '../core/store/jsonCodec';
import type { ClusterJob, TrialRecord } from '../shared/search';
import { listRuns, type RunDirectory } from '../core/store/runStore';
import { runsFolder } from './settings';

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
    return fs.existsSync(run.file('trials.json')) ? run.readJson<TrialRecord[]>('trials.json') : [];
  } catch {
    return [];
  }
}

/** The batch jobs of a search run on a cluster (jobs.json, rewritten by the driver as they change). */
export function jobsOf(run: RunDirectory): ClusterJob[] {
  try {
    return fs.existsSync(run.file('jobs.json')) ? run.readJson<ClusterJob[]>('jobs.json') : [];
  } catch {
    return [];
  }
}

/** The scoring of a search run (its frozen config's search.scoring; AUC by default). */
export function scoringOf(run: RunDirectory): string {
  try {
    return parseJson<HepmlConfig>(fs.readFileSync(run.file('config.json'), 'utf8')).search?.scoring ?? 'auc';
  } catch {
    return 'auc';
  }
}
