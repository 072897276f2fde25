import * as tf from '@tensorflow/tfjs-core';
import type { HostTensors } from './hostTensors';

/**
 * Tensors one training step's backward pass reads, held past the forward pass without a copy:
 * tfjs's own `save` clones each one (a full copy on wasm). Disposed when the step ends.
 */
export class StepTensors {
  private readonly held: tf.Tensor[] = [];

  /** Another handle on the same storage (a reshape shares it), kept until dispose(). */
  hold(tensor: tf.Tensor): tf.Tensor {
    const handle = tf.keep(tf.reshape(tensor, tensor.shape));
    this.held.push(handle);
    return handle;
  }

  dispose(): void {
    tf.dispose(this.held);
    this.held.length = 0;
  }
}

type WithGradient = (...inputs: tf.Tensor[]) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor) => tf.Tensor[] };

/** tf.customGrad over these inputs (its typing also admits the save function, which we do not use). */
function withGradient(f: WithGradient, ...inputs: tf.Tensor[]): tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0])(...inputs);
}

export type FusedActivation = 'relu' | 'linear';

/**
 * A dense layer for training: one fused kernel forward (product, bias, activation) and three
 * products backward (input, kernel, and the bias as a sum over rows). tfjs's fused.matMul does not fuse while
 * gradients are recorded, so it ran the product, the bias and the relu as separate kernels.
 * `inputGradient` false skips the gradient of x (the first layer's x is the data).
 */
export function trainingDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor, activation: FusedActivation, step: StepTensors, inputGradient: boolean): tf.Tensor {
  const forward = (input: tf.Tensor) => {
    const [m, k] = input.shape;
    const n = kernel.shape[1]!;
    // The backends' fused kernel takes batched (rank 3) operands, as tfjs's own fused op passes them.
    const output = tf.engine().runKernel('_FusedMatMul', { a: tf.reshape(input, [1, m, k]), b: tf.reshape(kernel, [1, k, n]), bias }, { transposeA: false, transposeB: false, activation }) as tf.Tensor;
    return tf.reshape(output, [m, n]);
  };
  const backward = (input: tf.Tensor, output: tf.Tensor, dy: tf.Tensor) => {
    const dz = activation === 'relu' ? tf.mul(dy, tf.step(output)) : dy;
    // The bias gradient as ones x dz, a matrix product: tfjs-wasm sums over rows by transposing
    // first, which took a third of a batch-1024 step.
    const dBias = tf.reshape(tf.matMul(tf.ones([1, dz.shape[0]]), dz), [dz.shape[1]!]);
    return { dx: inputGradient ? tf.matMul(dz, kernel, false, true) : undefined, dKernel: tf.matMul(input, dz, true, false), dBias };
  };
  if (inputGradient) {
    return withGradient((input) => {
      const output = forward(input);
      const [heldInput, heldOutput] = [step.hold(input), step.hold(output)];
      return {
        value: output,
        gradFunc: (dy: tf.Tensor) => {
          const { dx, dKernel, dBias } = backward(heldInput, heldOutput, dy);
          return [dx!, dKernel, dBias];
        },
      };
    }, x, kernel, bias);
  }
  return withGradient(() => {
    const output = forward(x);
    const heldOutput = step.hold(output);
    return {
      value: output,
      gradFunc: (dy: tf.Tensor) => {
        const { dKernel, dBias } = backward(x, heldOutput, dy);
        return [dKernel, dBias];
      },
    };
  }, kernel, bias);
}

/**
 * Keras' weighted binary cross-entropy from logits, mean over the batch of weight x loss, with
 * its gradient w (sigmoid(z) - y) / n computed in the same pass over host memory: two kernels
 * where the composed ops ran about thirty.
 */
export function weightedSigmoidLoss(logits: tf.Tensor, targets: tf.Tensor, weights: tf.Tensor, host: HostTensors, step: StepTensors): tf.Scalar {
  return withGradient((z) => {
    const n = z.size;
    const gradient = host.allocate(z.shape);
    const [g, zs, ys, ws] = [host.values(gradient), host.values(z), host.values(targets), host.values(weights)];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const zi = zs[i];
      const yi = ys[i];
      const wi = ws[i];
      // max(z, 0) - z y + log(1 + exp(-|z|)): stable for large |z|.
      total += wi * (Math.max(zi, 0) - zi * yi + Math.log1p(Math.exp(-Math.abs(zi))));
      g[i] = (wi * (1 / (1 + Math.exp(-zi)) - yi)) / n;
    }
    const held = step.hold(gradient);
    return { value: tf.scalar(total / n), gradFunc: (dy: tf.Tensor) => [tf.mul(dy, held)] };
  }, logits) as tf.Scalar;
}
