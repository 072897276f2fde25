import * as tf from '@tensorflow/tfjs-core';
import type { HostTensors } from './hostTensors';
import type { NativeAddon } from '../native/nativeAddon';

const BETA1 = 0.9;
const BETA2 = 0.999;

/** Adam's step in JavaScript, for where the addon is not built. Same arithmetic as native/adam.c. */
function adamInJs(value: Float32Array, gradient: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array, lr: number, b1: number, b2: number, eps: number, c1: number, c2: number): void {
  for (let i = 0; i < value.length; i++) {
    const g = gradient[i];
    const mi = (m[i] = b1 * m[i] + (1 - b1) * g);
    const vi = (v[i] = b2 * v[i] + (1 - b2) * g * g);
    out[i] = value[i] - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}

/**
 * Adam (tf.train.adam's arithmetic and defaults: beta1 0.9, beta2 0.999, the backend's epsilon)
 * as one pass per variable over host memory, instead of about ten tfjs kernels per variable,
 * which was half of a small network's training step.
 */
export class HostAdam {
  private readonly moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  private steps = 0;
  private readonly epsilon = tf.backend().epsilon();
  private readonly update: NativeAddon['adam'];

  constructor(
    private readonly learningRate: number,
    private readonly host: HostTensors,
    addon: NativeAddon | undefined,
  ) {
    this.update = addon ? addon.adam.bind(addon) : adamInJs;
  }

  /**
   * Applies one step to the variables named by the gradients (tfjs's registry, as its optimizers
   * use); each gets a new tensor (assign), so nothing else sharing its storage changes.
   */
  apply(gradients: tf.NamedTensorMap): void {
    this.steps++;
    const correction1 = 1 - BETA1 ** this.steps;
    const correction2 = 1 - BETA2 ** this.steps;
    for (const [name, gradient] of Object.entries(gradients)) {
      if (!gradient) continue;
      const variable = tf.engine().registeredVariables[name];
      let state = this.moments.get(name);
      if (!state) {
        state = { m: new Float32Array(variable.size), v: new Float32Array(variable.size) };
        this.moments.set(name, state);
      }
      const next = this.host.allocate(variable.shape);
      // Views taken after the allocation: growing the wasm heap detaches earlier ones.
      this.update(this.host.values(variable), this.host.values(gradient), state.m, state.v, this.host.values(next), this.learningRate, BETA1, BETA2, this.epsilon, correction1, correction2);
      variable.assign(next);
      next.dispose();
    }
  }

  dispose(): void {
    this.moments.clear();
  }
}
