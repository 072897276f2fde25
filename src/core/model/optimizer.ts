import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerName } from '../../shared/config';
import { HostAdam } from './hostAdam';
import { hostTensors } from './hostTensors';
import { nativeAddon } from '../native/nativeAddon';

/** Keras' default momentum for SGD with momentum. */
const MOMENTUM = 0.9;

/** Applies gradients to the variables they belong to, one training step at a time. */
export interface StepOptimizer {
  apply(variables: tf.Variable[], gradients: (tf.Tensor | null)[]): void;
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
  return {
    apply: (variables, gradients) => {
      const named: tf.NamedTensorMap = {};
      variables.forEach((variable, i) => {
        const gradient = gradients[i];
        if (gradient) named[variable.name] = gradient;
      });
      optimizer.applyGradients(named);
    },
    dispose: () => optimizer.dispose(),
  };
}
