import type { HepmlConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { EpochRecord, RunRecord } from '../../shared/run';
import type { ClusterJob, SearchSummary, TrialRecord } from '../../shared/search';

// Every file of a run folder, named once here with the type of what it holds; code reads and
// writes them through RunDirectory (run.read(RUN.trials)) instead of spelling names.

/** A file of a run folder; `T` is what its JSON holds (unknown for files read another way). */
export interface RunFile<T> {
  readonly name: string;
  /** Never set: carries the type. */
  readonly holds?: T;
}

function runFile<T>(name: string): RunFile<T> {
  return { name };
}

export const RUN = {
  /** The run's record: kind, status, times, metrics. */
  record: runFile<RunRecord>('run.json'),
  /** The config as it was when the run started (frozen text). */
  config: runFile<HepmlConfig>('config.json'),
  diagnostics: runFile<Diagnostics>('diagnostics.json'),
  /** Loss and metrics per epoch, rewritten after every epoch while a training runs. */
  history: runFile<EpochRecord[]>('history.json'),
  report: runFile<unknown>('report.html'),
  /** Every training event's score (out-of-fold with folds). */
  predictions: runFile<unknown>('predictions.csv'),
  /** A search's finished trials, written as they end. */
  trials: runFile<TrialRecord[]>('trials.json'),
  search: runFile<SearchSummary>('search.json'),
  /** A search's append-only log of what was asked and told (what a resume replays). */
  journal: runFile<unknown>('journal.jsonl'),
  /** A SLURM search's jobs and their states. */
  jobs: runFile<ClusterJob[]>('jobs.json'),
  curve: runFile<unknown>('curve.json'),
  calibration: runFile<unknown>('calibration.json'),
  exploration: runFile<unknown>('exploration.json'),
  ensemble: runFile<unknown>('ensemble.json'),
} as const;

/** A search's refit: a run folder of its own inside the search's. */
export const REFIT_FOLDER = 'refit';

/** Files of one trial's folder (trials/<n>/) that a SLURM job and its driver share. */
export const TRIAL = {
  spec: runFile<unknown>('spec.json'),
  failed: runFile<unknown>('failed.json'),
} as const;
