import * as tfl from '@tensorflow/tfjs-layers';
import type { Activation, Initializer, LayerConfig } from '../../shared/config';
import { nextSeed, type Rng } from '../util/random';

type TflInitializer = ReturnType<typeof tfl.initializers.glorotUniform>;
type TflActivation = 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'softplus' | 'swish' | 'linear';

/** Keras' LeakyReLU default slope for negative inputs. */
const LEAKY_RELU_ALPHA = 0.3;

/** The Keras initializer of that name, seeded. */
export function initializer(name: Initializer, seed: number): TflInitializer {
  switch (name) {
    case 'glorot_uniform':
      return tfl.initializers.glorotUniform({ seed });
    case 'glorot_normal':
      return tfl.initializers.glorotNormal({ seed });
    case 'he_normal':
      return tfl.initializers.heNormal({ seed });
    case 'he_uniform':
      return tfl.initializers.heUniform({ seed });
    case 'lecun_normal':
      return tfl.initializers.leCunNormal({ seed });
    case 'lecun_uniform':
      return tfl.initializers.leCunUniform({ seed });
    case 'uniform':
      return tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
    case 'normal':
      return tfl.initializers.randomNormal({ mean: 0, stddev: 0.05, seed });
    case 'zeros':
      return tfl.initializers.zeros();
  }
}

function denseActivation(activation: Activation): TflActivation {
  return activation === 'leaky_relu' ? 'linear' : activation;
}

export interface Network {
  model: tfl.Sequential;
  /** The layer producing logits; the model's last layer turns them into probabilities. */
  outputClasses: number;
  /** Dropout rate applied after each layer index (training only). */
  dropoutAfter: Map<number, number>;
  /** [layer index of a Dense kernel, its L2 factor] for the penalty. */
  l2Kernels: [number, number][];
}

/**
 * A Keras-style Sequential network: hidden Dense layers (with LeakyReLU and Dropout layers
 * where asked), a Dense output of logits, and a sigmoid or softmax Activation layer.
 */
export function buildNetwork(inputs: number, hidden: Required<LayerConfig>[], classes: number, rng: Rng): Network {
  const model = tfl.sequential();
  const dropoutAfter = new Map<number, number>();
  const l2Kernels: [number, number][] = [];
  const outputUnits = classes > 2 ? classes : 1;
  hidden.forEach((layer, i) => {
    model.add(
      tfl.layers.dense({
        units: layer.units,
        activation: denseActivation(layer.activation),
        kernelInitializer: initializer(layer.kernelInitializer, nextSeed(rng)),
        biasInitializer: 'zeros',
        kernelRegularizer: layer.l2 > 0 ? tfl.regularizers.l2({ l2: layer.l2 }) : undefined,
        inputShape: i === 0 ? [inputs] : undefined,
        name: `dense_${i + 1}`,
      }),
    );
    if (layer.l2 > 0) l2Kernels.push([model.layers.length - 1, layer.l2]);
    if (layer.activation === 'leaky_relu') model.add(tfl.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: `leaky_relu_${i + 1}` }));
    if (layer.dropout > 0) {
      model.add(tfl.layers.dropout({ rate: layer.dropout, name: `dropout_${i + 1}` }));
      dropoutAfter.set(model.layers.length - 1, layer.dropout);
    }
  });
  model.add(
    tfl.layers.dense({
      units: outputUnits,
      activation: 'linear',
      kernelInitializer: initializer('glorot_uniform', nextSeed(rng)),
      inputShape: hidden.length === 0 ? [inputs] : undefined,
      name: 'logits',
    }),
  );
  model.add(tfl.layers.activation({ activation: outputUnits === 1 ? 'sigmoid' : 'softmax', name: 'output' }));
  return { model, outputClasses: classes, dropoutAfter, l2Kernels };
}
