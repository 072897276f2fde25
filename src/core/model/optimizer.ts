import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerName } from '../../shared/config';
import { HostAdam } from './hostAdam';
import { hostTensors } from './hostTensors';
import { nativeAddon } from '../native/nativeAddon';

/** Keras' default momentum for SGD with momentum. */
const MOMENTUM = 0.9;

/** Applies gradients (by variable name, as tf.variableGrads gives them), one training step at a time. */
export interface StepOptimizer {
  apply(gradients: tf.NamedTensorMap): void;
  dispose(): void;
}

function tfjsOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, MOMENTUM);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
    case 'adamax':
      return tf.train.adamax(learningRate);
  }
}

/** The named optimizer; Adam runs as one pass per variable where tensors live in this process. */
export function makeOptimizer(name: OptimizerName, learningRate: number): StepOptimizer {
  const host = hostTensors();
  if (name === 'adam' && host) return new HostAdam(learningRate, host, nativeAddon());
  const optimizer = tfjsOptimizer(name, learningRate);
  return { apply: (gradients) => optimizer.applyGradients(gradients), dispose: () => optimizer.dispose() };
}
