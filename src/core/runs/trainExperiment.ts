import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ResolvedConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { EpochRecord, RunRecord, TestMetrics, TrainSummary } from '../../shared/run';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import type { EventTable } from '../data/dataset';
import type { SplitIndices } from '../dataset/split';
import { computeDiagnostics } from '../diagnostics/compute';
import { multiclassDiagnostics } from '../diagnostics/multiclass';
import { processPlots, sculptingChecks, testScale } from '../diagnostics/processes';
import { workingPoints } from '../metrics/workingPoints';
import { screenEvents } from '../diagnostics/screen';
import { accuracy, logLoss } from '../metrics/classification';
import { rocAuc } from '../metrics/roc';
import { chooseBackend, kernelsOf } from '../model/backend';
import { saveModel } from '../model/save';
import { signalScores } from '../model/train';
import { writeReport } from '../report/html';
import { writePredictions, type ScoredSet } from '../store/predictionsFile';
import { createRunDirectory, type RunDirectory } from '../store/runStore';
import { Cancelled, messageOf } from '../util/errors';
import { processStartTime } from '../store/processRegistry';
import { PhaseClock, peakRssMegabytes } from '../util/phaseClock';
import { fitAndScore, foldIndices, type FitOutcome, type FittedModel } from '../lab/fitModels';
import { splitRows } from '../lab/prepare';
import { modelFolder, RUN } from '../store/runLayout';

export interface TrainEvents {
  onStart?: (run: RunDirectory, backend: string) => void;
  onEpoch?: (record: EpochRecord, epochs: number) => void;
  log?: (line: string) => void;
  /** Polled between epochs; true stops training (the run is recorded as cancelled). */
  isCancelled?: () => boolean;
}

function versions(): Record<string, string> {
  return { node: process.versions.node, tfjs: tf.version_core, 'tfjs-layers': tfl.version_layers };
}

/** Test metrics of signal probabilities (event weights where the config has them). */
function metricsOf(table: EventTable, rows: Int32Array, scores: Float32Array, weighted: boolean): TestMetrics {
  const isSignal = Int32Array.from(rows, (row) => (table.labels[row] === 0 ? 1 : 0));
  const weights = weighted ? Float64Array.from(rows, (row) => table.weights[row]) : undefined;
  return { auc: rocAuc(isSignal, scores, weights), accuracy: accuracy(isSignal, scores, weights), loss: logLoss(isSignal, scores, weights) };
}

async function saveFittedModel(run: RunDirectory, config: ResolvedConfig, table: EventTable, model: FittedModel): Promise<void> {
  const folder = modelFolder(config.folds !== undefined, model.index);
  if (folder) run.ensureFolder(folder);
  run.writeJson(`${folder}${RUN.preprocessing.name}`, { ...model.preprocessing, features: table.featureNames, classes: config.data.classes });
  run.writeJson(`${folder}${RUN.history.name}`, model.result.history);
  await saveModel(model.network.model, run.file(`${folder}${RUN.model.name}`));
}

function diagnosticsOf(config: ResolvedConfig, table: EventTable, split: SplitIndices, fitted: FitOutcome): Diagnostics {
  const classes = config.data.classes.length;
  const testScores = signalScores(fitted.scores.test, classes);
  const diagnostics = computeDiagnostics(
    {
      wanted: config.diagnostics,
      train: { table, rows: fitted.scores.seenRows, scores: signalScores(fitted.scores.seen, classes) },
      test: { table, rows: split.test, scores: testScores },
      history: fitted.models[0].result.history,
      firstLayerKernel: fitted.firstLayerKernel,
      weighted: config.data.weighted,
      missingValue: config.data.missing?.value,
    },
    table.featureNames,
    config.data.classes[0],
  );
  diagnostics.samples = table.samples;
  diagnostics.processes = processPlots(table, split.test, testScores, config.data.missing?.value);
  const scale = testScale(table, split.test);
  diagnostics.workingPoints = workingPoints(Int32Array.from(split.test, (row) => (table.labels[row] === 0 ? 1 : 0)), testScores, Float64Array.from(split.test, (row) => table.weights[row] * scale[table.sources[row]]));
  if (table.spectatorNames.length > 0) diagnostics.sculpting = sculptingChecks(table, split.test, testScores);
  if (fitted.scores.seenRows.length < split.train.length) diagnostics.trainSample = { events: fitted.scores.seenRows.length, of: split.train.length };
  if (classes > 2) {
    const labels = Int32Array.from(split.test, (row) => table.labels[row]);
    const weights = config.data.weighted ? Float64Array.from(split.test, (row) => table.weights[row]) : undefined;
    diagnostics.multiclass = multiclassDiagnostics(config.data.classes, labels, fitted.scores.test, weights);
  }
  return diagnostics;
}

/**
 * Trains one experiment end to end: read the data once, split, train the model (or the k fold
 * models), score, compute the diagnostics, and store everything in a new run folder. The data
 * are read and checked before the run exists; a failure after that is recorded in run.json.
 */
export async function trainExperiment(loaded: LoadedConfig, events: TrainEvents = {}, into?: RunDirectory): Promise<TrainSummary> {
  const { config } = loaded;
  const log = events.log ?? (() => undefined);
  const clock = new PhaseClock();
  const started = performance.now();
  const backend = await chooseBackend();
  const table = await clock.timeAsync('read', () => loadConfigEvents(loaded));
  const warnings = screenEvents(config, table);
  for (const warning of warnings) log(`warning: ${warning.message}`);
  const split = clock.time('prepare', () => splitRows(table, config));
  const run = into ?? createRunDirectory(loaded.workspace, config.name, loaded.text);
  const record: RunRecord = {
    id: run.id,
    name: config.name,
    status: 'running',
    kind: 'train',
    configFile: loaded.file,
    backend,
    kernels: kernelsOf(backend),
    versions: versions(),
    seeds: { split: config.split.seed, training: config.training.seed },
    created: new Date().toISOString(),
    pid: process.pid,
    processStart: processStartTime(process.pid),
    host: os.hostname(),
    ...(config.folds ? { folds: config.folds } : {}),
  };
  run.writeRecord(record);
  events.onStart?.(run, backend);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    log(`data: ${table.size} events (${split.train.length} train, ${split.test.length} test), ${table.featureNames.length} features${config.folds ? `, ${config.folds.k} folds by ${config.folds.by}` : ''}`);
    // The first model's history is rewritten after each epoch, so that dashboards draw it live.
    const liveHistory: EpochRecord[] = [];
    const fitted = await clock.timeAsync('train', () =>
      fitAndScore(table, split, config, {
        onEpoch: (epoch, model) => {
          if (model === 0) {
            liveHistory.push(epoch);
            run.write(RUN.history, liveHistory);
          }
          events.onEpoch?.(epoch, config.training.epochs);
          return !events.isCancelled?.();
        },
        isCancelled: events.isCancelled,
        onModel: (model) => saveFittedModel(run, config, table, model),
      }),
    );
    run.write(RUN.history, fitted.models[0].result.history);
    if (fitted.cancelled) {
      run.updateRecord({ status: 'cancelled', finished: new Date().toISOString(), seconds: seconds(), epochs: fitted.models[0].result.history.length });
      throw new Cancelled(`training was stopped; the run ${run.id} is kept as cancelled`);
    }
    const classes = config.data.classes.length;
    const metrics = metricsOf(table, split.test, signalScores(fitted.scores.test, classes), config.data.weighted);
    const outOfFold = fitted.scores.outOfFold ? metricsOf(table, split.train, signalScores(fitted.scores.outOfFold, classes), config.data.weighted) : undefined;
    const sets: ScoredSet[] = [{ set: 'test', rows: split.test, probabilities: fitted.scores.test }];
    if (fitted.scores.outOfFold) sets.push({ set: 'train', rows: split.train, probabilities: fitted.scores.outOfFold });
    await clock.timeAsync('save', () => writePredictions(run.path(RUN.predictions), table, sets, config.folds ? foldIndices(table.foldKeys!, config.folds.k) : undefined));
    const diagnostics = clock.time('diagnostics', () => diagnosticsOf(config, table, split, fitted));
    diagnostics.warnings = warnings;
    run.write(RUN.diagnostics, diagnostics);
    const history = fitted.models[0].result.history;
    const finished = run.updateRecord({
      status: 'completed',
      finished: new Date().toISOString(),
      seconds: seconds(),
      metrics,
      ...(outOfFold ? { outOfFold } : {}),
      ks: diagnostics.overtraining!.ks,
      epochs: history.length,
      bestEpoch: fitted.models[0].result.bestEpoch,
      timings: clock.seconds,
      peakRssMB: peakRssMegabytes(),
    });
    clock.time('report', () => writeReport(run, finished, diagnostics));
    run.updateRecord({ timings: clock.seconds, peakRssMB: peakRssMegabytes(), seconds: seconds() });
    return { runDir: run.dir, backend, metrics, ks: diagnostics.overtraining!.ks, epochs: history.length, seconds: seconds() };
  } catch (error) {
    const current = run.readRecord();
    if (current.status === 'running') {
      run.updateRecord({ status: 'failed', error: messageOf(error), finished: new Date().toISOString(), seconds: seconds() });
    }
    throw error;
  }
}
