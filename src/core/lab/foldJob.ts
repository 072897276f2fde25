import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import type { FoldJob, FoldOutcome } from '../../shared/workerProtocol';
import { parseConfig } from '../config/parse';
import { formatProblem } from '../config/problems';
import { resolveConfig } from '../config/resolve';
import { resolveSourceFiles } from '../config/workspacePath';
import { loadEvents, type EventTable } from '../data/dataset';
import { chooseBackend } from '../model/backend';
import { UserError } from '../util/errors';
import { isPhysicsScoring } from '../metrics/physicsScores';
import { trainFold } from './crossValidate';

// A worker keeps the events it read, so the trials of a search read each file once per worker.
const eventCache = new Map<string, Promise<EventTable>>();

/** Runs one fold of a search trial (in a worker process); onEpoch returning false ends the training there. */
export async function runFoldJob(job: FoldJob, onEpoch?: (epoch: number, epochs: number, intermediate?: number) => boolean | void): Promise<FoldOutcome> {
  await chooseBackend();
  const text = JSON.stringify(job.config);
  const parsed = parseConfig(text);
  if (!parsed.config) throw new UserError(formatProblem(job.configFile, parsed.problems[0]));
  const raw = parsed.config as HepmlConfig;
  const config = resolveConfig(raw, path.basename(job.configFile));
  const sourceFiles = config.data.sources.map((source, i) => resolveSourceFiles(job.workspace, path.dirname(job.configFile), source.path, `${job.configFile}: data.sources[${i}].path`));
  const key = JSON.stringify([sourceFiles, config.data, config.split.testSelection, config.folds]);
  if (!eventCache.has(key)) {
    const loading = loadEvents(config, sourceFiles);
    loading.catch(() => eventCache.delete(key));
    eventCache.set(key, loading);
  }
  const events = await eventCache.get(key)!;
  const intermediate: number[] = [];
  const result = await trainFold(events, config, job.fold, job.folds, {
    intermediate: job.intermediate,
    onEpoch: (record, value) => {
      if (value !== undefined) intermediate.push(value);
      return onEpoch?.(record.epoch, config.training.epochs, value);
    },
    trainSize: job.trainSize,
    scoreTraining: job.scoreTraining,
    predictions: job.predictions,
    refit: job.refit,
    overtraining: job.overtraining,
    // The physics scorings the search or curve of this config ranks by.
    physics: [...(job.scorings ?? []), raw.search?.scoring, raw.analysis?.scoring].filter((s): s is NonNullable<typeof s> => s !== undefined && isPhysicsScoring(s)),
  });
  return { ...result, ...(job.intermediate ? { intermediate } : {}) };
}
