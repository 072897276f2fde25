import type { ResolvedConfig } from '../../shared/config';
import type { EventTable } from '../data/dataset';
import { stratifiedKFold, type Fold } from '../dataset/folds';
import { accuracy, logLoss } from '../metrics/classification';
import { histogram } from '../metrics/histogram';
import { ksTwoSample } from '../metrics/ks';
import { physicsScore } from '../metrics/physicsScores';
import { rocAuc } from '../metrics/roc';
import { buildNetwork } from '../model/network';
import { predict } from '../model/predict';
import { signalScores, trainNetwork } from '../model/train';
import { createRng } from '../util/random';
import type { EpochRecord } from '../../shared/run';
import type { FoldOutcome, FoldScores, IntermediateMetric, ScoreHistogram } from '../../shared/workerProtocol';
import { signalFlags, type DesignMatrix } from '../dataset/designMatrix';
import { designMatrix, eventWeights, prepareFit, splitRows } from './prepare';

export interface FoldResult extends FoldOutcome {
  epochs: number;
  seconds: number;
}

/** Bins of the held-out signal probability a trial's dashboard draws its ROC and score plots from. */
const HISTOGRAM_BINS = 100;

/**
 * Every score of a network's signal probabilities on some events (event weights where the config
 * has them), and the physics scores asked for (yields scaled by `yieldScale` to the whole sample).
 */
function scoresOf(probabilities: Float32Array, events: DesignMatrix, config: ResolvedConfig, physics: string[] = [], yieldScale = 1): FoldScores {
  const isSignal = signalFlags(events);
  const weights = config.data.weighted ? events.weights : undefined;
  const scores: FoldScores = {
    auc: rocAuc(isSignal, probabilities),
    weighted_auc: rocAuc(isSignal, probabilities, weights),
    accuracy: accuracy(isSignal, probabilities, weights),
    loss: logLoss(isSignal, probabilities, weights),
  };
  for (const scoring of physics) scores[scoring] = physicsScore(scoring, isSignal, probabilities, events.weights, yieldScale);
  return scores;
}

/** Signal probabilities binned on [0, 1] per class, summing event weights where the config has them. */
function binnedByClass(probabilities: Float32Array, events: DesignMatrix, config: ResolvedConfig): ScoreHistogram {
  const weights = config.data.weighted ? events.weights : undefined;
  const ofClass = (signal: boolean) => {
    const chosen = Int32Array.from(events.labels.keys()).filter((i) => (events.labels[i] === 0) === signal);
    return histogram(Float32Array.from(chosen, (i) => probabilities[i]), weights && Float64Array.from(chosen, (i) => weights[i]), HISTOGRAM_BINS, 0, 1, false).counts;
  };
  return { signal: ofClass(true), background: ofClass(false) };
}

interface SplitAndFolds {
  key: string;
  /** Rows of the events table that train, and that are held out for the test. */
  train: Int32Array;
  test: Int32Array;
  /** Folds of the training rows, as rows of the events table. */
  folds: Fold[];
}

// Every trial of a search splits the same events the same way: a worker keeps the latest split
// and fold indices per events table (measured: 10 ms of each 70 ms fold on the example grid).
const splits = new WeakMap<EventTable, SplitAndFolds>();

function splitAndFolds(events: EventTable, config: ResolvedConfig, k: number): SplitAndFolds {
  const key = JSON.stringify([config.split, k]);
  const known = splits.get(events);
  if (known?.key === key) return known;
  const { train, test } = splitRows(events, config);
  const trainLabels = Int32Array.from(train, (row) => events.labels[row]);
  const folds = stratifiedKFold(trainLabels, k, config.split.seed).map((fold) => ({
    train: Int32Array.from(fold.train, (i) => train[i]),
    validation: Int32Array.from(fold.validation, (i) => train[i]),
  }));
  const result = { key, train, test, folds };
  splits.set(events, result);
  return result;
}

/**
 * Trains fold `fold` of a k-fold cross-validation on the training set: preprocessing and the
 * network are fitted on the other folds only, and scored on this one.
 */
export interface TrainFoldOptions {
  /** After each epoch, with the intermediate score when asked for; false ends the training there. */
  onEpoch?: (record: EpochRecord, intermediate?: number) => boolean | void;
  /** Score the held-out events after every epoch (a search's pruner compares these). */
  intermediate?: IntermediateMetric;
  trainSize?: number;
  scoreTraining?: boolean;
  predictions?: boolean;
  refit?: boolean;
  physics?: string[];
  /** Test the output on the trained events against the held-out ones, per class (Kolmogorov-Smirnov). */
  overtraining?: boolean;
}

/**
 * The overtraining test of a fold, as the report's (TMVA's): the KS p-value of the signal
 * probability on the events trained on against the held-out events, per class, unweighted.
 */
function overtrainingTest(trained: Float32Array, trainedEvents: DesignMatrix, held: Float32Array, heldEvents: DesignMatrix): { signal: number; background: number } {
  const [trainedSignal, heldSignal] = [signalFlags(trainedEvents), signalFlags(heldEvents)];
  const ofClass = (scores: Float32Array, flags: Int32Array, signal: boolean) => scores.filter((_, i) => (flags[i] === 1) === signal);
  const pValue = (signal: boolean) => ksTwoSample(ofClass(trained, trainedSignal, signal), ofClass(held, heldSignal, signal)).pValue;
  return { signal: pValue(true), background: pValue(false) };
}

/** The held-out events' score of the network as it is now (unweighted AUC, or the loss with the config's weights). */
function intermediateScore(metric: IntermediateMetric, probabilities: Float32Array, isSignal: Int32Array, events: DesignMatrix, config: ResolvedConfig): number {
  return metric === 'auc' ? rocAuc(isSignal, probabilities) : logLoss(isSignal, probabilities, config.data.weighted ? events.weights : undefined);
}

export async function trainFold(events: EventTable, config: ResolvedConfig, fold: number, k: number, options: TrainFoldOptions = {}): Promise<FoldResult> {
  const started = performance.now();
  const { train, test, folds } = splitAndFolds(events, config, k);
  // A learning curve trains on the first trainSize events of the fold, as scikit-learn does.
  const fitRows = options.refit ? train : options.trainSize === undefined ? folds[fold].train : folds[fold].train.subarray(0, options.trainSize);
  // A refit trains on every training event and is scored on the test set.
  const scoreRows = options.refit ? test : folds[fold].validation;
  const fitData = prepareFit(events, fitRows, config);
  const matrixOf = (rows: Int32Array) => designMatrix(events, rows, config, fitData.preprocessing, eventWeights(events, rows));
  const scoreMatrix = matrixOf(scoreRows);
  const network = buildNetwork(events.featureNames.length, config.model.hidden, config.data.classes.length, createRng(`init:${config.training.seed}`));
  try {
    // A fold needs no per-epoch training-set metrics: only its validation score counts.
    const signal = (matrix: DesignMatrix) => signalScores(predict(network.model, matrix), config.data.classes.length);
    const metric = options.intermediate;
    // The held-out labels once per fold, not once per epoch.
    const heldOutSignal = metric && signalFlags(scoreMatrix);
    const onEpoch = (record: EpochRecord) => options.onEpoch?.(record, metric && heldOutSignal && intermediateScore(metric, signal(scoreMatrix), heldOutSignal, scoreMatrix, config));
    const result = await trainNetwork(network, fitData.fit, fitData.validation, { training: config.training, onEpoch, historySample: 0 });
    // The scored events are predicted once: for the scores, the histogram and the predictions asked for.
    const held = signal(scoreMatrix);
    // The fitted events are prepared again only when their scores are asked for.
    let trainingScores: FoldScores | undefined;
    if (options.scoreTraining) {
      const fitMatrix = matrixOf(fitRows);
      trainingScores = scoresOf(signal(fitMatrix), fitMatrix, config, options.physics, events.size / fitRows.length);
    }
    return {
      ...(options.predictions && !options.refit ? { heldOutScores: Array.from(held), testScores: Array.from(signal(matrixOf(test))) } : {}),
      ...(options.refit ? { trainScores: Array.from(signal(matrixOf(train))), testScores: Array.from(held) } : {}),
      scores: scoresOf(held, scoreMatrix, config, options.physics, events.size / scoreRows.length),
      trainingScores,
      trainSize: fitRows.length,
      history: result.history.map(({ epoch, loss, val_loss }) => ({ epoch, loss, ...(val_loss === undefined ? {} : { val_loss }) })),
      heldOutHistogram: binnedByClass(held, scoreMatrix, config),
      ...(options.overtraining && !options.refit ? { ks: overtrainingTest(signal(fitData.fit), fitData.fit, held, scoreMatrix) } : {}),
      parameters: network.model.countParams(),
      epochs: result.history.length,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    network.model.dispose();
  }
}
