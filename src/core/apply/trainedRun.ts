import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { HepmlConfig, ResolvedConfig } from '../../shared/config';
import type { RunRecord } from '../../shared/run';
import { parseConfig } from '../config/parse';
import { resolveConfig } from '../config/resolve';
import type { Preprocessing } from '../lab/prepare';
import { loadModel } from '../model/save';
import { RunDirectory } from '../store/runStore';
import { UserError } from '../util/errors';
import { modelFolder, RUN } from '../store/runLayout';

// A finished run as a classifier to use: its frozen config, and its model (or its k fold models)
// with the preprocessing each was fitted with.

/** What preprocessing.json holds: the fitted transform, and the features and classes it expects. */
export interface StoredPreprocessing extends Preprocessing {
  features: string[];
  classes: string[];
}

export interface TrainedModel {
  model: tfl.LayersModel;
  preprocessing: StoredPreprocessing;
  /** The folder the model was loaded from (for messages and exports). */
  folder: string;
}

export interface TrainedRun {
  run: RunDirectory;
  record: RunRecord;
  /** The config the run trained with, as written, and resolved. */
  raw: HepmlConfig;
  config: ResolvedConfig;
  /** One model, or the k models of event-number folds (model i never saw the events of fold i). */
  models: TrainedModel[];
}

/** The run that holds the model: the run itself, or a search's refit of its best point. */
function modelRun(dir: string): RunDirectory {
  const run = new RunDirectory(dir);
  if (!run.has(RUN.record)) throw new UserError(`${dir}: not a run folder (no ${RUN.record.name}).`);
  const record = run.readRecord();
  if (record.kind === 'search') {
    if (!run.refit().has(RUN.record)) throw new UserError(`${dir}: this search has no refitted model (refit was off, or it did not finish); apply a trained run, or rerun the search with "refit": true.`);
    return run.refit();
  }
  if (record.kind !== 'train') throw new UserError(`${dir}: a ${record.kind} run holds no model to apply; give a trained run (hepml train) or a search with a refit.`);
  return run;
}

/** Loads a completed run's config and model(s); a clear error for anything else. */
export async function loadTrainedRun(dir: string): Promise<TrainedRun> {
  const run = modelRun(path.resolve(dir));
  const record = run.readRecord();
  if (record.status !== 'completed') throw new UserError(`${run.dir}: the run is ${record.status}${record.error ? ` (${record.error})` : ''}; only a completed run has a model to apply.`);
  const text = fs.readFileSync(run.path(RUN.config), 'utf8');
  const parsed = parseConfig(text);
  if (!parsed.config) throw new UserError(`${run.path(RUN.config)}: the run's config no longer parses (${parsed.problems[0]?.message}); was the file edited?`);
  const config = resolveConfig(parsed.config, record.name);
  const folders = config.folds ? Array.from({ length: config.folds.k }, (_, i) => modelFolder(true, i)) : [''];
  const models: TrainedModel[] = [];
  for (const folder of folders) {
    const where = run.file(folder || '.');
    try {
      models.push({ model: await loadModel(run.file(`${folder}${RUN.model.name}`)), preprocessing: run.readJson<StoredPreprocessing>(`${folder}${RUN.preprocessing.name}`), folder: where });
    } catch (error) {
      throw new UserError(`${where}: cannot load the model (${(error as Error).message}); the run folder may be damaged.`);
    }
  }
  return { run, record, raw: parsed.config, config, models };
}

export function disposeTrainedRun(trained: TrainedRun): void {
  for (const { model } of trained.models) model.dispose();
}
