import type { DenseSpec, NetworkSpec } from './networkSpec';
import { LEAKY_ALPHA } from './networkSpec';

// lwtnn's JSON for LightweightNeuralNetwork (what its keras2json.py writes): inputs with offset
// and scale (lwtnn computes (x + offset) * scale), dense layers with the weights as an
// [outputs x inputs] row-major list, activations by lwtnn's names, the outputs' names, and
// defaults (the value used when an input is left out: the imputed value, when the run imputed).

type LwtnnActivation = string | { function: string; alpha: number };

function activation(name: DenseSpec['activation']): LwtnnActivation {
  switch (name) {
    case 'linear':
      return 'linear';
    case 'relu':
      return 'rectified';
    case 'tanh':
      return 'tanh';
    case 'sigmoid':
      return 'sigmoid';
    case 'softmax':
      return 'softmax';
    case 'elu':
      return { function: 'elu', alpha: 1 };
    case 'swish':
      return { function: 'swish', alpha: 1 };
    case 'leaky_relu':
      return { function: 'leakyrelu', alpha: LEAKY_ALPHA };
    default:
      throw new Error(`lwtnn has no "${name}" activation; export this run to ONNX instead, or train with relu, elu, tanh, sigmoid, swish or leaky_relu.`);
  }
}

/** The kernel as lwtnn reads it: row r, column c is weight (input c -> output r). */
function weights(layer: DenseSpec): number[] {
  const out = new Array<number>(layer.inputs * layer.units);
  for (let r = 0; r < layer.units; r++) for (let c = 0; c < layer.inputs; c++) out[r * layer.inputs + c] = layer.kernel[c * layer.units + r];
  return out;
}

export interface LwtnnNetwork {
  inputs: { name: string; offset: number; scale: number }[];
  layers: { architecture: 'dense'; activation: LwtnnActivation; weights: number[]; bias: number[] }[];
  outputs: string[];
  defaults: Record<string, number>;
  miscellaneous: Record<string, string>;
}

export function lwtnnNetwork(spec: NetworkSpec, miscellaneous: Record<string, string>): LwtnnNetwork {
  const { offset, scale } = spec.preprocessing.scaler;
  const defaults: Record<string, number> = {};
  if (spec.missing) spec.features.forEach((name, f) => (defaults[name] = spec.missing!.fills[f]));
  return {
    inputs: spec.features.map((name, f) => ({ name, offset: -offset[f], scale: 1 / scale[f] })),
    layers: spec.layers.map((layer) => ({ architecture: 'dense', activation: activation(layer.activation), weights: weights(layer), bias: Array.from(layer.bias) })),
    outputs: spec.output === 'sigmoid' ? [spec.classes[0]] : spec.classes,
    defaults,
    miscellaneous,
  };
}
