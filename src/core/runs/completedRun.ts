import type { RunRecord } from '../../shared/run';
import type { LoadedConfig } from '../config/load';
import { renderPage, type ReportPage } from '../report/html';
import { writeFileAtomic } from '../store/atomic';
import { createRunDirectory, type RunDirectory } from '../store/runStore';
import { RUN } from '../store/runLayout';

/**
 * Stores the result of an analysis that ran to its end (a curve, a calibration, an ensemble):
 * a new run folder with the frozen config, its data files, run.json and report.html.
 */
export function storeCompletedRun(
  loaded: LoadedConfig,
  run: { name: string; kind: RunRecord['kind']; seconds: number; files: Record<string, unknown>; report: ReportPage; record?: Partial<RunRecord> },
): RunDirectory {
  const directory = createRunDirectory(loaded.workspace, run.name, loaded.text);
  for (const [name, value] of Object.entries(run.files)) directory.writeJson(name, value);
  const finished = new Date();
  directory.writeRecord({
    id: directory.id, name: loaded.config.name, status: 'completed', kind: run.kind, configFile: loaded.file, versions: { node: process.versions.node },
    seeds: { split: loaded.config.split.seed, training: loaded.config.training.seed },
    created: new Date(finished.getTime() - run.seconds * 1000).toISOString(), finished: finished.toISOString(), seconds: run.seconds, pid: process.pid,
    ...run.record,
  });
  writeFileAtomic(directory.path(RUN.report), renderPage({ ...run.report, summary: [['run', directory.id], ...run.report.summary] }));
  return directory;
}
