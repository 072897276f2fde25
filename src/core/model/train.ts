import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ResolvedConfig } from '../../shared/config';
import type { EpochRecord } from '../../shared/run';
import { accuracy, logLoss } from '../metrics/classification';
import { rocAuc } from '../metrics/roc';
import { TrainingDiverged } from '../util/errors';
import { createRng, nextSeed, shuffleInPlace, type Rng } from '../util/random';
import type { Network } from './network';
import { selectRows, signalFlags, type DesignMatrix } from '../dataset/designMatrix';
import { BatchSource, type Batch } from './batches';
import { hostTensors, type HostTensors } from './hostTensors';
import { makeOptimizer } from './optimizer';
import { DropoutMasks } from './dropout';
import { EarlyStopping } from './earlyStopping';
import { predict } from './predict';
import { StepTensors, trainingDense, weightedSigmoidLoss, type FusedActivation } from './trainingOps';

const YIELD_MS = 200;

export interface TrainOptions {
  training: ResolvedConfig['training'];
  /** Called after each epoch; return false to stop. */
  onEpoch?: (record: EpochRecord) => boolean | void;
  /** Asked during an epoch (every YIELD_MS): true stops the training without finishing the epoch. */
  isCancelled?: () => boolean;
  /** At most this many training events are scored at each epoch's end for the history (0: none). */
  historySample?: number;
}

export interface TrainResult {
  history: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  cancelled: boolean;
}

/** What the training forward pass does at each layer, worked out once per training (getConfig builds a whole config). */
type LayerStep =
  | { kind: 'dropout'; rate: number }
  | { kind: 'dense'; kernel: tf.Tensor; bias: tf.Tensor; activation: FusedActivation }
  | { kind: 'layer'; layer: tfl.layers.Layer };

/** The steps up to the logits (the output activation layer is left to the loss). */
function trainingPlan(network: Network): LayerStep[] {
  return network.model.layers.slice(0, -1).map((layer, i): LayerStep => {
    const rate = network.dropoutAfter.get(i);
    if (rate !== undefined) return { kind: 'dropout', rate };
    if (layer.getClassName() !== 'Dense') return { kind: 'layer', layer };
    const { activation, useBias } = layer.getConfig() as { activation?: string; useBias?: boolean };
    if (!useBias || (activation !== 'relu' && activation !== 'linear')) return { kind: 'layer', layer };
    const [kernel, bias] = layer.trainableWeights.map((weight) => weight.read());
    return { kind: 'dense', kernel, bias, activation };
  });
}

/** Logits of the network in training, applying dropout with our seeded masks so training is reproducible. */
function trainingLogits(plan: LayerStep[], x: tf.Tensor, masks: DropoutMasks, host: HostTensors | undefined, step: StepTensors): tf.Tensor {
  let h = x;
  let fromVariables = false;
  for (const layerStep of plan) {
    if (layerStep.kind === 'dropout') {
      h = tf.mul(h, masks.mask(h.shape, layerStep.rate, host));
      continue;
    }
    h = layerStep.kind === 'dense' ? trainingDense(h, layerStep.kernel, layerStep.bias, layerStep.activation, step, fromVariables) : (layerStep.layer.apply(h, { training: true }) as tf.Tensor);
    fromVariables = true;
  }
  return h;
}

function l2Penalty(network: Network): tf.Scalar | undefined {
  let total: tf.Scalar | undefined;
  for (const [index, factor] of network.l2Kernels) {
    const kernel = network.model.layers[index].getWeights()[0];
    const term = tf.mul(factor, tf.sum(tf.square(kernel))) as tf.Scalar;
    total = total ? (tf.add(total, term) as tf.Scalar) : term;
  }
  return total;
}

/** What every training step of one network shares. */
interface StepContext {
  network: Network;
  plan: LayerStep[];
  masks: DropoutMasks;
  step: StepTensors;
  host: HostTensors | undefined;
}

function batchLoss({ network, plan, masks, step, host }: StepContext, { x, y, w }: Batch): tf.Scalar {
  const logits = trainingLogits(plan, x, masks, host, step);
  let loss: tf.Scalar;
  if (network.outputClasses <= 2 && host) {
    loss = weightedSigmoidLoss(logits, y, w, host, step);
  } else {
    const perEvent =
      network.outputClasses > 2
        ? tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.NONE)
        : tf.reshape(tf.losses.sigmoidCrossEntropy(y, logits, undefined, 0, tf.Reduction.NONE), [-1]);
    // Keras' weighted loss: the mean over the batch of weight x loss.
    loss = tf.mean(tf.mul(perEvent, w)) as tf.Scalar;
  }
  const penalty = l2Penalty(network);
  return penalty ? (tf.add(loss, penalty) as tf.Scalar) : loss;
}

/** Binary scores (signal probability) or, for several classes, the probability of class 0. */
export function signalScores(probabilities: Float32Array, classes: number): Float32Array {
  if (classes <= 2) return probabilities;
  const n = probabilities.length / classes;
  return Float32Array.from({ length: n }, (_, i) => probabilities[i * classes]);
}

function evaluate(network: Network, data: DesignMatrix): { loss: number; accuracy: number; auc: number } {
  const probabilities = signalScores(predict(network.model, data), network.outputClasses);
  const isSignal = signalFlags(data);
  return {
    loss: logLoss(isSignal, probabilities, data.weights),
    accuracy: accuracy(isSignal, probabilities, data.weights),
    auc: rocAuc(isSignal, probabilities, data.weights),
  };
}

/** At most `limit` training events, picked at random, for the per-epoch history; none for 0. */
function historySampleOf(data: DesignMatrix, limit: number, rng: Rng): DesignMatrix | undefined {
  if (limit === 0) return undefined;
  if (data.size <= limit) return data;
  const picked = shuffleInPlace(Int32Array.from({ length: data.size }, (_, i) => i), rng).subarray(0, limit).sort();
  return selectRows(data, picked);
}

function monitorValue(record: EpochRecord, monitor: string): number {
  switch (monitor) {
    case 'val_auc':
      return record.val_auc ?? NaN;
    case 'val_accuracy':
      return record.val_accuracy ?? NaN;
    case 'loss':
      return record.loss;
    default:
      return record.val_loss ?? NaN;
  }
}

/**
 * Trains a network with mini-batch gradient descent on weighted events, Keras-style, with
 * early stopping. Each batch's temporaries are freed with the step.
 */
export async function trainNetwork(network: Network, train: DesignMatrix, validation: DesignMatrix | undefined, options: TrainOptions): Promise<TrainResult> {
  const config = options.training;
  const rng = createRng(`train:${config.seed}`);
  const masks = new DropoutMasks(nextSeed(rng));
  const optimizer = makeOptimizer(config.optimizer, config.learningRate);
  const host = hostTensors();
  const step = new StepTensors();
  const variables = network.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const historySample = historySampleOf(train, options.historySample ?? 10000, createRng(`history:${config.seed}`));
  const batches = new BatchSource(train, network.outputClasses, host);
  const context: StepContext = { network, plan: trainingPlan(network), masks, step, host };
  const stopping = config.earlyStopping;
  const stopper = stopping ? new EarlyStopping(stopping) : undefined;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  const history: EpochRecord[] = [];
  let stoppedEarly = false;
  let cancelled = false;
  const order = Int32Array.from({ length: train.size }, (_, i) => i);
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      shuffleInPlace(order, rng);
      const batchLosses: tf.Scalar[] = [];
      let lastYield = performance.now();
      for (let start = 0; start < train.size; start += config.batchSize) {
        // Let timers and messages run (a worker's heartbeat, a cancel) during long epochs.
        if (performance.now() - lastYield > YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
          if (options.isCancelled?.()) break;
        }
        try {
          const cost = tf.tidy(() => {
            const batch = batches.batch(order, start, Math.min(config.batchSize, train.size - start));
            const { value, grads } = tf.variableGrads(() => batchLoss(context, batch), variables);
            optimizer.apply(grads);
            return value;
          });
          batchLosses.push(cost);
        } finally {
          step.dispose();
        }
      }
      if (options.isCancelled?.()) {
        tf.dispose(batchLosses);
        cancelled = true;
        break;
      }
      const meanLoss = tf.tidy(() => tf.mean(tf.stack(batchLosses)).dataSync()[0]);
      tf.dispose(batchLosses);

      const trainMetrics = historySample ? evaluate(network, historySample) : { loss: meanLoss, accuracy: NaN, auc: NaN };
      const record: EpochRecord = {
        epoch,
        loss: meanLoss,
        train_loss: trainMetrics.loss,
        train_accuracy: trainMetrics.accuracy,
        train_auc: trainMetrics.auc,
        seconds: 0,
      };
      if (validation && validation.size > 0) {
        const v = evaluate(network, validation);
        record.val_loss = v.loss;
        record.val_accuracy = v.accuracy;
        record.val_auc = v.auc;
      }
      record.seconds = (performance.now() - started) / 1000;
      history.push(record);
      if (!Number.isFinite(meanLoss)) throw new TrainingDiverged(`the training loss became ${meanLoss} at epoch ${epoch}; lower training.learningRate or check the inputs' scale (preprocessing.scaler).`);

      if (stopping && stopper) {
        const verdict = stopper.observe(epoch, monitorValue(record, stopping.monitor));
        bestEpoch = stopper.bestEpoch;
        if (verdict === 'improved' && stopping.restoreBestWeights) {
          tf.dispose(bestWeights ?? []);
          bestWeights = network.model.getWeights().map((t) => tf.clone(t));
        }
        stoppedEarly = verdict === 'stop';
      } else {
        bestEpoch = epoch;
      }
      if (options.onEpoch?.(record) === false) cancelled = true;
      await new Promise((resolve) => setImmediate(resolve));
      if (stoppedEarly || cancelled) break;
    }
    if (stopping && stopping.restoreBestWeights && bestWeights) network.model.setWeights(bestWeights);
  } finally {
    batches.dispose();
    tf.dispose(bestWeights ?? []);
    optimizer.dispose();
  }
  return { history, bestEpoch, stoppedEarly, cancelled };
}
