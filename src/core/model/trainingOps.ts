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
function withGradient(f: WithGradient, inputs: tf.Tensor[]): tf.Tensor {
  const custom = tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as (...tensors: tf.Tensor[]) => tf.Tensor;
  // At most three tensors: passed by position rather than spread.
  if (inputs.length === 1) return custom(inputs[0]);
  return inputs.length === 3 ? custom(inputs[0], inputs[1], inputs[2]) : custom(inputs[0], inputs[1]);
}

export type FusedActivation = 'relu' | 'linear';

/**
 * A dense layer for training: one fused kernel forward (product, bias, activation) and three
 * products backward (input, kernel, and the bias as a sum over rows). tfjs's fused.matMul does
 * not fuse while gradients are recorded, so it ran the product, the bias and the relu as
 * separate kernels. `inputGradient` false skips the gradient of x (the first layer's x is the data).
 */
export function trainingDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor, activation: FusedActivation, step: StepTensors, inputGradient: boolean): tf.Tensor {
  const [m, k] = x.shape;
  const n = kernel.shape[1]!;
  return withGradient(
    () => {
      // The backends' fused kernel takes batched (rank 3) operands, as tfjs's own fused op passes them.
      const product = tf.engine().runKernel('_FusedMatMul', { a: tf.reshape(x, [1, m, k]), b: tf.reshape(kernel, [1, k, n]), bias }, { transposeA: false, transposeB: false, activation }) as tf.Tensor;
      const output = tf.reshape(product, [m, n]);
      // x may be the previous layer's output, which the forward pass frees before this runs backward.
      const [input, held] = [step.hold(x), step.hold(output)];
      return {
        value: output,
        gradFunc: (dy: tf.Tensor) => {
          const dz = activation === 'relu' ? tf.mul(dy, tf.step(held)) : dy;
          const dKernel = tf.matMul(input, dz, true, false);
          // The bias gradient as ones x dz, a matrix product: tfjs-wasm sums over rows by
          // transposing first, which took a third of a batch-1024 step.
          const dBias = tf.reshape(tf.matMul(tf.ones([1, m]), dz), [n]);
          return inputGradient ? [tf.matMul(dz, kernel, false, true), dKernel, dBias] : [dKernel, dBias];
        },
      };
    },
    inputGradient ? [x, kernel, bias] : [kernel, bias],
  );
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
  }, [logits]) as tf.Scalar;
}
