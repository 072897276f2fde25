// The fused training ops (dense layer, weighted loss, Adam over host memory) move a network's
// weights exactly as tfjs's composed ops and tf.train.adam do, on the wasm and CPU backends.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { chooseBackend } from '../../../src/core/model/backend';
import { HostAdam } from '../../../src/core/model/hostAdam';
import { hostTensors } from '../../../src/core/model/hostTensors';
import { nativeAddon } from '../../../src/core/native/nativeAddon';
import { StepTensors, trainingDense, weightedSigmoidLoss, type FusedActivation } from '../../../src/core/model/trainingOps';
import { createRng } from '../../../src/core/util/random';

function random(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng() * 2 - 1) * scale), shape);
}

function assertClose(actual: tf.Tensor, expected: tf.Tensor, label: string, tolerance = 1e-5): void {
  assert.deepEqual(actual.shape, expected.shape, label);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) / (1 + Math.abs(e[i])));
  assert.ok(worst < tolerance, `${label}: worst relative difference ${worst}`);
}

/** A two-layer network's loss and gradients, through the fused ops or through tfjs's own. */
function lossAndGradients(fused: boolean, activation: FusedActivation, variables: tf.Variable[], x: tf.Tensor, y: tf.Tensor, w: tf.Tensor) {
  const [k1, b1, k2, b2] = variables;
  const step = new StepTensors();
  try {
    return tf.variableGrads(() => {
      if (fused) {
        const hidden = trainingDense(x, k1, b1, activation, step, false);
        const logits = trainingDense(hidden, k2, b2, 'linear', step, true);
        return weightedSigmoidLoss(logits, y, w, hostTensors()!, step);
      }
      const z = tf.add(tf.matMul(x, k1), b1);
      const hidden = activation === 'relu' ? tf.relu(z) : z;
      const logits = tf.add(tf.matMul(hidden, k2), b2);
      const perEvent = tf.reshape(tf.losses.sigmoidCrossEntropy(y, logits, undefined, 0, tf.Reduction.NONE), [-1]);
      return tf.mean(tf.mul(perEvent, w)) as tf.Scalar;
    }, variables);
  } finally {
    step.dispose();
  }
}

function makeVariables(prefix: string): tf.Variable[] {
  // tidy frees the random tensors; variables outlive it.
  return tf.tidy(() => [random([6, 5], 1), random([5], 2, 0.1), random([5, 1], 3), random([1], 4, 0.1)].map((t, i) => tf.variable(t, true, `${prefix}/${i}`)));
}

for (const backend of ['wasm', 'cpu']) {
  describe(`fused training ops on the ${backend} backend`, () => {
    const x = () => random([32, 6], 5, 2);
    const y = () => tf.tensor2d(Float32Array.from({ length: 32 }, (_, i) => i % 3 === 0 ? 1 : 0), [32, 1]);
    const w = () => tf.tidy(() => tf.add(tf.abs(random([32], 6)), 0.5));
    before(async () => {
      await chooseBackend('wasm');
      await tf.setBackend(backend);
    });
    after(async () => {
      await tf.setBackend('wasm');
    });

    for (const activation of ['relu', 'linear'] as const) {
      it(`give tfjs's loss and gradients through a ${activation} dense layer, a linear one and the weighted loss`, () => {
        const before = tf.memory().numTensors;
        const [xs, ys, ws] = [x(), y(), w()];
        const fusedVariables = makeVariables(`fused-${backend}-${activation}`);
        const plainVariables = makeVariables(`plain-${backend}-${activation}`);
        const fused = lossAndGradients(true, activation, fusedVariables, xs, ys, ws);
        const plain = lossAndGradients(false, activation, plainVariables, xs, ys, ws);
        assertClose(fused.value, plain.value, 'loss');
        fusedVariables.forEach((v, i) => assertClose(fused.grads[v.name], plain.grads[plainVariables[i].name], `gradient of variable ${i}`));
        tf.dispose([xs, ys, ws, fused.value, plain.value, ...Object.values(fused.grads), ...Object.values(plain.grads), ...fusedVariables, ...plainVariables]);
        assert.equal(tf.memory().numTensors, before, 'every tensor the steps made was freed');
      });
    }

    it('keep the loss finite for logits far from zero', () => {
      const logits = tf.tensor2d([80, -80, 30, -30], [4, 1]);
      const step = new StepTensors();
      const loss = weightedSigmoidLoss(logits, tf.tensor2d([0, 1, 1, 0], [4, 1]), tf.ones([4]), hostTensors()!, step);
      step.dispose();
      // Two events wrong by 80 and two right by 30: (80 + 80 + ~0 + ~0) / 4.
      assert.ok(Math.abs(loss.dataSync()[0] - 40) < 1e-4, `loss ${loss.dataSync()[0]}`);
    });

    for (const implementation of ['native addon', 'JavaScript'] as const) {
      it(`Adam (${implementation}) moves the weights as tf.train.adam does over 20 steps`, (t) => {
        const addon = nativeAddon();
        if (implementation === 'native addon' && !addon) return t.skip('addon not built here');
        const [xs, ys, ws] = [x(), y(), w()];
        const ours = makeVariables(`adam-ours-${backend}-${implementation}`);
        const theirs = makeVariables(`adam-theirs-${backend}-${implementation}`);
        const hostAdam = new HostAdam(0.01, hostTensors()!, implementation === 'native addon' ? addon : undefined);
        const tfAdam = tf.train.adam(0.01);
        for (let i = 0; i < 20; i++) {
          tf.tidy(() => {
            const a = lossAndGradients(false, 'relu', ours, xs, ys, ws);
            hostAdam.apply(a.grads);
            const b = lossAndGradients(false, 'relu', theirs, xs, ys, ws);
            tfAdam.applyGradients(theirs.map((v) => ({ name: v.name, tensor: b.grads[v.name] })));
          });
        }
        ours.forEach((v, i) => assertClose(v, theirs[i], `variable ${i} after 20 steps`, 1e-4));
        // The weights moved: the comparison is not between two untouched copies.
        const start = makeVariables(`adam-start-${backend}-${implementation}`);
        assert.ok(tf.max(tf.abs(tf.sub(ours[0], start[0]))).dataSync()[0] > 0.05, 'Adam moved the first kernel');
        tf.dispose([xs, ys, ws, ...ours, ...theirs, ...start]);
        tfAdam.dispose();
      });
    }
  });
}
