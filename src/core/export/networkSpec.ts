import type * as tfl from '@tensorflow/tfjs-layers';
import type { StoredPreprocessing, TrainedModel } from '../apply/trainedRun';

// A trained network as plain numbers, what every export format is written from: the input
// transform (missing-value replacement, scaler), then dense layers with their activations.

export type ExportActivation = 'linear' | 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'softplus' | 'swish' | 'leaky_relu' | 'softmax';

export interface DenseSpec {
  inputs: number;
  units: number;
  /** Kernel, row-major [inputs x units] (Keras' layout). */
  kernel: Float32Array;
  bias: Float32Array;
  activation: ExportActivation;
}

export interface NetworkSpec {
  features: string[];
  classes: string[];
  preprocessing: StoredPreprocessing;
  /** The missing-value marker replaced by each feature's imputed value, if the run imputed. */
  missing?: { value: number; fills: number[] };
  layers: DenseSpec[];
  /** The probabilities' layout: one sigmoid output (the signal's), or one softmax output per class. */
  output: 'sigmoid' | 'softmax';
}

/** Keras' LeakyReLU slope (the lab's leaky_relu layers use it). */
export const LEAKY_ALPHA = 0.3;

/** The network of a trained model as dense layers; the activation layers are folded into them. */
export function networkSpec(model: TrainedModel, missingValue?: number): NetworkSpec {
  const layers: DenseSpec[] = [];
  let output: NetworkSpec['output'] = 'sigmoid';
  for (const layer of model.model.layers as tfl.layers.Layer[]) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as { activation?: string; units?: number };
    if (kind === 'Dense') {
      const [kernel, bias] = layer.getWeights();
      const [inputs, units] = kernel.shape as [number, number];
      layers.push({ inputs, units, kernel: kernel.dataSync() as Float32Array, bias: bias.dataSync() as Float32Array, activation: (config.activation ?? 'linear') as ExportActivation });
    } else if (kind === 'LeakyReLU') {
      layers[layers.length - 1].activation = 'leaky_relu';
    } else if (kind === 'Activation') {
      output = config.activation === 'softmax' ? 'softmax' : 'sigmoid';
      layers[layers.length - 1].activation = output;
    } else if (kind !== 'Dropout') {
      throw new Error(`cannot export a ${kind} layer`);
    }
  }
  const { preprocessing } = model;
  return {
    features: preprocessing.features,
    classes: preprocessing.classes,
    preprocessing,
    ...(preprocessing.imputedValues && missingValue !== undefined ? { missing: { value: missingValue, fills: preprocessing.imputedValues } } : {}),
    layers,
    output,
  };
}
