import * as os from 'node:os';
import * as path from 'node:path';
import type { RunRecord } from '../../shared/run';
import type { SearchEvent } from '../../shared/search';
import type { LoadedConfig } from '../config/load';
import { JournalWriter, readJournal } from '../store/journal';
import { RunLock } from '../store/lock';
import { RUN } from '../store/runLayout';
import { createRunDirectory, RunDirectory } from '../store/runStore';
import { UserError } from '../util/errors';

/** A search's run folder, held (locked) by this process, with its journal open for appending. */
export interface SearchRunFolder {
  run: RunDirectory;
  lock: RunLock;
  journal: JournalWriter<SearchEvent>;
  /** What an earlier driver journalled (a resume replays it). */
  previous: SearchEvent[];
  resumed: boolean;
}

/** A search run's name: the config's, with the method unless the name already says it (no "E-bayes-bayes"). */
export function searchRunName(name: string, method: string): string {
  return name.split(/[^A-Za-z0-9]+/).includes(method) ? name : `${name}-${method}`;
}

/** Creates the run folder (or takes the one to resume), locks it and marks it running. */
export function openSearchRunFolder(loaded: LoadedConfig, method: string, resume: string | undefined): SearchRunFolder {
  const run = resume ? new RunDirectory(path.resolve(resume)) : createRunDirectory(loaded.workspace, searchRunName(loaded.config.name, method), loaded.text);
  const lock = RunLock.acquire(run.path(RUN.lock));
  const journalFile = run.path(RUN.journal);
  const previous = readJournal<SearchEvent>(journalFile).records;
  if (previous.some((r) => r.type === 'search-finished')) {
    lock.release();
    throw new UserError(`${run.dir}: this search already finished; its results are in ${path.join(run.dir, RUN.report.name)}.`);
  }
  const record: RunRecord = resume
    ? { ...run.readRecord(), status: 'running', pid: process.pid, host: os.hostname(), error: undefined }
    : {
        id: run.id, name: loaded.config.name, status: 'running', kind: 'search', configFile: loaded.file, versions: { node: process.versions.node },
        seeds: { split: loaded.config.split.seed, training: loaded.config.training.seed }, created: new Date().toISOString(), pid: process.pid, host: os.hostname(),
      };
  run.writeRecord(record);
  return { run, lock, journal: new JournalWriter<SearchEvent>(journalFile), previous, resumed: resume !== undefined };
}

/** Ends the run as failed or cancelled: the record says so, the journal closes, the lock goes. */
export function closeSearchRunFolder(folder: SearchRunFolder, end: Partial<RunRecord>): void {
  folder.run.updateRecord({ ...end, finished: new Date().toISOString() });
  folder.journal.close();
  folder.lock.release();
}
