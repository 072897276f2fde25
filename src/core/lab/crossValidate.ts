import type { ResolvedConfig, Scoring } from '../../shared/config';
import { selectEvents, type EventTable } from '../data/dataset';
import { stratifiedKFold } from '../dataset/folds';
import { accuracy, logLoss } from '../metrics/classification';
import { rocAuc } from '../metrics/roc';
import { buildNetwork } from '../model/network';
import { predict } from '../model/predict';
import { signalScores, trainNetwork } from '../model/train';
import { createRng } from '../util/random';
import type { EpochRecord } from '../../shared/run';
import type { FoldOutcome, FoldScores, ScoreHistogram } from '../../shared/workerProtocol';
import type { DesignMatrix } from '../model/train';
import type { Network } from '../model/network';
import { designMatrix, prepareFit, splitTrainTest } from './prepare';

export interface FoldResult extends FoldOutcome {
  epochs: number;
  seconds: number;
}

/** Higher is better for every score but the loss. */
export function isLowerBetter(scoring: Scoring): boolean {
  return scoring === 'loss';
}

/** Bins of the held-out signal probability a trial's dashboard draws its ROC and score plots from. */
export const HISTOGRAM_BINS = 100;

/** Every score of a trained network on some events (event weights where the config has them), and their binned predictions. */
function scoreEvents(network: Network, events: DesignMatrix, config: ResolvedConfig): { scores: FoldScores; histogram: ScoreHistogram } {
  const scores = signalScores(predict(network.model, events.x, events.size, events.features), config.data.classes.length);
  const isSignal = Int32Array.from(events.labels, (l) => (l === 0 ? 1 : 0));
  const weights = config.data.weight ? events.weights : undefined;
  const histogram: ScoreHistogram = { signal: new Array<number>(HISTOGRAM_BINS).fill(0), background: new Array<number>(HISTOGRAM_BINS).fill(0) };
  scores.forEach((p, i) => {
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(p * HISTOGRAM_BINS)));
    (isSignal[i] ? histogram.signal : histogram.background)[bin] += weights ? weights[i] : 1;
  });
  return {
    scores: {
      auc: rocAuc(isSignal, scores),
      weighted_auc: rocAuc(isSignal, scores, weights),
      accuracy: accuracy(isSignal, scores, weights),
      loss: logLoss(isSignal, scores, weights),
    },
    histogram,
  };
}

/**
 * Trains fold `fold` of a k-fold cross-validation on the training set: preprocessing and the
 * network are fitted on the other folds only, and scored on this one.
 */
export async function trainFold(events: EventTable, config: ResolvedConfig, fold: number, k: number, options: { onEpoch?: (record: EpochRecord) => boolean | void; trainSize?: number; scoreTraining?: boolean; predictions?: boolean; refit?: boolean } = {}): Promise<FoldResult> {
  const started = performance.now();
  const { train, test } = splitTrainTest(events, config);
  const folds = stratifiedKFold(train.labels, k, config.split.seed);
  // A learning curve trains on the first trainSize events of the fold, as scikit-learn does.
  const fitIndices = options.trainSize === undefined ? folds[fold].train : folds[fold].train.subarray(0, options.trainSize);
  // A refit trains on every training event and is scored on the test set.
  const fitTable = options.refit ? train : selectEvents(train, fitIndices);
  const scoreTable = options.refit ? test : selectEvents(train, folds[fold].validation);
  const fitData = prepareFit(fitTable, config);
  const scoreMatrix = designMatrix(scoreTable, config, fitData.preprocessing, scoreTable.weights);
  const network = buildNetwork(train.featureNames.length, config.model.hidden, config.data.classes.length, createRng(`init:${config.training.seed}`));
  try {
    // A fold needs no per-epoch training-set metrics: only its validation score counts.
    const result = await trainNetwork(network, fitData.fit, fitData.validation, { training: config.training, onEpoch: options.onEpoch, historySample: 0 });
    const fitMatrix = designMatrix(fitTable, config, fitData.preprocessing, fitTable.weights);
    const signal = (matrix: DesignMatrix) => Array.from(signalScores(predict(network.model, matrix.x, matrix.size, matrix.features), config.data.classes.length));
    const held = scoreEvents(network, scoreMatrix, config);
    return {
      ...(options.predictions && !options.refit ? { heldOutScores: signal(scoreMatrix), testScores: signal(designMatrix(test, config, fitData.preprocessing, test.weights)) } : {}),
      ...(options.refit ? { trainScores: signal(designMatrix(train, config, fitData.preprocessing, train.weights)), testScores: signal(scoreMatrix) } : {}),
      scores: held.scores,
      trainingScores: options.scoreTraining ? scoreEvents(network, fitMatrix, config).scores : undefined,
      trainSize: fitTable.size,
      history: result.history.map(({ epoch, loss, val_loss }) => ({ epoch, loss, ...(val_loss === undefined ? {} : { val_loss }) })),
      heldOutHistogram: held.histogram,
      epochs: result.history.length,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    network.model.dispose();
  }
}
