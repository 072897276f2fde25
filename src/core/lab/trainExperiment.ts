import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { EpochRecord, RunRecord, TrainSummary } from '../../shared/run';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import { computeDiagnostics } from '../diagnostics/compute';
import { screenEvents } from '../diagnostics/screen';
import { multiclassDiagnostics } from '../diagnostics/multiclass';
import { accuracy, logLoss } from '../metrics/classification';
import { rocAuc } from '../metrics/roc';
import { chooseBackend } from '../model/backend';
import { buildNetwork } from '../model/network';
import { predict } from '../model/predict';
import { saveModel } from '../model/save';
import { signalScores, trainNetwork } from '../model/train';
import { writeReport } from '../report/html';
import { PREDICTIONS_FILE, writePredictions } from '../store/predictionsFile';
import { createRunDirectory, type RunDirectory } from '../store/runStore';
import { messageOf } from '../util/errors';
import { createRng } from '../util/random';
import { prepareData } from './prepare';

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

/**
 * Trains one experiment end to end: read the data once, split, scale, train, score, compute the
 * diagnostics, and store everything in a new run folder. A failure is recorded in run.json.
 */
export async function trainExperiment(loaded: LoadedConfig, events: TrainEvents = {}, into?: RunDirectory): Promise<TrainSummary> {
  const { config } = loaded;
  const log = events.log ?? (() => undefined);
  const started = performance.now();
  const backend = await chooseBackend();
  // The data are read and checked before the run exists: bad input leaves no failed run behind.
  const table = await loadConfigEvents(loaded);
  const warnings = screenEvents(config, table);
  for (const warning of warnings) log(`warning: ${warning.message}`);
  const data = prepareData(table, config);
  const run = into ?? createRunDirectory(loaded.workspace, config.name, loaded.text);
  const record: RunRecord = {
    id: run.id,
    name: config.name,
    status: 'running',
    kind: 'train',
    configFile: loaded.file,
    backend,
    versions: versions(),
    seeds: { split: config.split.seed, training: config.training.seed },
    created: new Date().toISOString(),
    pid: process.pid,
    host: os.hostname(),
  };
  run.writeRecord(record);
  events.onStart?.(run, backend);
  try {
    log(`data: ${table.size} events (${data.trainRows.length} train, ${data.testRows.length} test), ${table.featureNames.length} features`);
    const network = buildNetwork(table.featureNames.length, config.model.hidden, config.data.classes.length, createRng(`init:${config.training.seed}`));
    const result = await trainNetwork(network, data.fit, data.validation, {
      training: config.training,
      onEpoch: (epoch) => {
        events.onEpoch?.(epoch, config.training.epochs);
        return !events.isCancelled?.();
      },
    });
    run.writeJson('history.json', result.history);
    if (result.cancelled) {
      run.updateRecord({ status: 'cancelled', finished: new Date().toISOString(), seconds: (performance.now() - started) / 1000, epochs: result.history.length });
      throw new Error('training was cancelled');
    }

    const classes = config.data.classes.length;
    const trainScores = signalScores(predict(network.model, data.trainMatrix), classes);
    const testProbabilities = predict(network.model, data.testMatrix);
    const testScores = signalScores(testProbabilities, classes);
    const isSignal = Int32Array.from(data.testMatrix.labels, (l) => (l === 0 ? 1 : 0));
    const weighted = config.data.weighted;
    const testWeights = weighted ? data.testMatrix.weights : undefined;
    const metrics = {
      auc: rocAuc(isSignal, testScores, testWeights),
      accuracy: accuracy(isSignal, testScores, testWeights),
      loss: logLoss(isSignal, testScores, testWeights),
    };
    await writePredictions(run.file(PREDICTIONS_FILE), table, data.testRows, testProbabilities);
    const kernel = network.model.layers[0].getWeights()[0];
    const diagnostics = computeDiagnostics(
      {
        wanted: config.diagnostics,
        train: { table, rows: data.trainRows, scores: trainScores },
        test: { table, rows: data.testRows, scores: testScores },
        history: result.history,
        firstLayerKernel: { values: kernel.dataSync() as Float32Array, units: kernel.shape[1] as number },
        weighted,
        missingValue: config.data.missing?.value,
      },
      table.featureNames,
      config.data.classes[0],
    );
    diagnostics.warnings = warnings;
    diagnostics.samples = table.samples;
    if (classes > 2) diagnostics.multiclass = multiclassDiagnostics(config.data.classes, data.testMatrix.labels, testProbabilities, testWeights);
    run.writeJson('diagnostics.json', diagnostics);
    run.writeJson('preprocessing.json', { ...data.preprocessing, features: table.featureNames, classes: config.data.classes });
    await saveModel(network.model, run.file('model'));
    network.model.dispose();
    const seconds = (performance.now() - started) / 1000;
    const finished = run.updateRecord({
      status: 'completed',
      finished: new Date().toISOString(),
      seconds,
      metrics,
      ks: diagnostics.overtraining!.ks,
      epochs: result.history.length,
      bestEpoch: result.bestEpoch,
    });
    writeReport(run, finished, diagnostics);
    return { runDir: run.dir, backend, metrics, ks: diagnostics.overtraining!.ks, epochs: result.history.length, seconds };
  } catch (error) {
    const current = run.readRecord();
    if (current.status === 'running') {
      run.updateRecord({ status: 'failed', error: messageOf(error), finished: new Date().toISOString(), seconds: (performance.now() - started) / 1000 });
    }
    throw error;
  }
}
