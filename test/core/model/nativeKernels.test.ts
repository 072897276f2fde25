// The native OpenBLAS kernels give the products tfjs's own CPU kernels give, for every shape a
// dense network's forward and backward passes use.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { chooseBackend, usesNativeKernels } from '../../../src/core/model/backend';
import { createRng } from '../../../src/core/util/random';

function random(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1);
}

/** Runs `op` on the wasm backend (native kernels) and on tfjs's CPU backend, returning both results. */
async function onBoth(op: () => tf.Tensor): Promise<{ native: Float32Array; reference: Float32Array }> {
  await tf.setBackend('wasm');
  const native = (await tf.tidy(op).data()) as Float32Array;
  await tf.setBackend('cpu');
  const reference = (await tf.tidy(op).data()) as Float32Array;
  await tf.setBackend('wasm');
  return { native, reference };
}

function assertClose(actual: Float32Array, expected: Float32Array, label: string): void {
  assert.equal(actual.length, expected.length, label);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  assert.ok(worst < 1e-5, `${label}: worst relative difference ${worst}`);
}

const required = process.env.HEPML_REQUIRE_NATIVE === '1';

describe('native OpenBLAS kernels for the wasm backend', () => {
  let active = false;
  before(async () => {
    await chooseBackend('wasm');
    active = usesNativeKernels();
    if (required) assert.ok(active, 'HEPML_REQUIRE_NATIVE=1 but the addon is not built (npm run build:native)');
  });

  it('multiply with either operand transposed, as the backward pass does', async (t) => {
    if (!active) return t.skip('addon not built here');
    for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = random(transposeA ? [37, 128] : [128, 37], 1);
      const b = random(transposeB ? [300, 37] : [37, 300], 2);
      const { native, reference } = await onBoth(() => tf.matMul(tf.tensor2d(a, transposeA ? [37, 128] : [128, 37]), tf.tensor2d(b, transposeB ? [300, 37] : [37, 300]), transposeA, transposeB));
      assertClose(native, reference, `transposeA=${transposeA} transposeB=${transposeB}`);
    }
  });

  it('multiply batches, one operand broadcast', async (t) => {
    if (!active) return t.skip('addon not built here');
    const a = random([3, 5, 7], 3);
    const b = random([7, 4], 4);
    const { native, reference } = await onBoth(() => tf.matMul(tf.tensor3d(a, [3, 5, 7]), tf.tensor3d(b, [1, 7, 4])));
    assertClose(native, reference, 'batched');
  });

  it('fuse a dense layer: bias per column, then relu or nothing; other activations fall back', async (t) => {
    if (!active) return t.skip('addon not built here');
    const x = random([64, 28], 5);
    const w = random([28, 300], 6);
    const bias = random([300], 7);
    for (const activation of ['linear', 'relu', 'sigmoid', 'elu'] as const) {
      const { native, reference } = await onBoth(() => tf.fused.matMul({ a: tf.tensor2d(x, [64, 28]), b: tf.tensor2d(w, [28, 300]), bias: tf.tensor1d(bias), activation }));
      assertClose(native, reference, activation);
    }
  });

  it('give the gradients of a fused dense layer that the CPU backend gives', async (t) => {
    if (!active) return t.skip('addon not built here');
    const x = random([32, 10], 8);
    const w = random([10, 6], 9);
    const bias = random([6], 10);
    const gradients = () => {
      const grads = tf.grads((wt: tf.Tensor, bt: tf.Tensor) => tf.sum(tf.square(tf.fused.matMul({ a: tf.tensor2d(x, [32, 10]), b: wt as tf.Tensor2D, bias: bt, activation: 'relu' }))));
      const [dw, db] = grads([tf.tensor2d(w, [10, 6]), tf.tensor1d(bias)]);
      return tf.concat([tf.reshape(dw, [-1]), db]);
    };
    const { native, reference } = await onBoth(gradients);
    assertClose(native, reference, 'gradients');
  });
});
