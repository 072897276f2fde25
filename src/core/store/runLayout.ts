import type { HepmlConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { EpochRecord, RunRecord } from '../../shared/run';
import type { ClusterJob, SearchSummary, TrialRecord } from '../../shared/search';
import type { FoldOutcome } from '../../shared/workerProtocol';
import type { CalibrationResult, CurveResult } from '../../shared/analysis';

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
  curve: runFile<CurveResult>('curve.json'),
  calibration: runFile<CalibrationResult>('calibration.json'),
  exploration: runFile<unknown>('exploration.json'),
  ensemble: runFile<unknown>('ensemble.json'),
  /** Held while a process writes the run (a search driver; see store/lock). */
  lock: runFile<unknown>('lock'),
  /** A model's preprocessing: features, classes, imputer and scaler statistics. */
  preprocessing: runFile<unknown>('preprocessing.json'),
  /** A model's folder (tfjs layers format: MODEL_FILES). */
  model: runFile<unknown>('model'),
} as const;

/** The files of a saved model's folder. */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin' } as const;

/** Where a run keeps a model: in the run folder for one, in folds/<i>/ for event-number fold models. */
export function modelFolder(foldModels: boolean, index: number): string {
  return foldModels ? `folds/${index}/` : '';
}

/** A search's refit: a run folder of its own inside the search's. */
export const REFIT_FOLDER = 'refit';

/** A search's trial folders: trials/<n>/. */
export const TRIALS_FOLDER = 'trials';

/** Files of one trial's folder (trials/<n>/), shared by a worker or batch job and the driver. */
export const TRIAL = {
  /** What a batch job needs to run the trial. */
  spec: runFile<unknown>('spec.json'),
  /** Why a batch job gave up on the trial. */
  failed: runFile<unknown>('failed.json'),
  /** One finished fold's whole outcome (scores, loss per epoch, binned held-out predictions). */
  fold: (fold: number) => runFile<FoldOutcome>(`fold-${fold}.json`),
  /** A batch job's intermediate scores of a fold as it trains, epoch 1 first (for the driver's pruner). */
  intermediate: (fold: number) => runFile<number[]>(`intermediate-${fold}.json`),
  /** Written by the driver when it prunes the trial: the batch job stops at its next epoch. */
  prune: runFile<{ epoch: number; fold: number }>('prune.json'),
} as const;
