// Mini-batches copied on the host and gathered on the device hold the same events, targets and weights.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { BatchSource } from '../../../src/core/model/batches';
import { chooseBackend } from '../../../src/core/model/backend';
import { hostTensors } from '../../../src/core/model/hostTensors';

const events = {
  x: Float32Array.from({ length: 7 * 3 }, (_, i) => i + 0.5),
  size: 7,
  features: 3,
  labels: Int32Array.from([0, 1, 2, 0, 1, 2, 0]),
  weights: Float64Array.from([1, 2, 3, 4, 5, 6, 7]),
};
const order = Int32Array.from([6, 2, 4, 0, 5, 1, 3]);

describe('mini-batches', () => {
  before(async () => {
    await chooseBackend('wasm');
  });

  for (const classes of [2, 3]) {
    it(`hold the ordered events, their targets and weights, on the host and on the device (${classes} classes)`, () => {
      const before = tf.memory().numTensors;
      const onHost = new BatchSource({ ...events, labels: events.labels.map((l) => Math.min(l, classes - 1)) }, classes, hostTensors());
      const onDevice = new BatchSource({ ...events, labels: events.labels.map((l) => Math.min(l, classes - 1)) }, classes, undefined);
      // tidy frees the device path's index tensor; the batch's three tensors come out.
      const batchOf = (source: BatchSource) => {
        const [x, y, w] = tf.tidy(() => {
          const batch = source.batch(order, 2, 4);
          return [batch.x, batch.y, batch.w];
        });
        return { x, y, w };
      };
      const fromHost = batchOf(onHost);
      const fromDevice = batchOf(onDevice);
      // Events 4, 0, 5, 1 in that order.
      assert.deepEqual(Array.from(fromHost.x.dataSync()), [4, 0, 5, 1].flatMap((row) => [0, 1, 2].map((f) => row * 3 + f + 0.5)));
      assert.deepEqual(Array.from(fromHost.w.dataSync()), [5, 1, 6, 2]);
      const expectedTargets = classes === 2 ? [0, 1, 0, 0] : [0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0];
      assert.deepEqual(Array.from(fromHost.y.dataSync()), expectedTargets);
      assert.deepEqual(fromHost.y.shape, [4, classes === 2 ? 1 : 3]);
      for (const key of ['x', 'y', 'w'] as const) {
        assert.deepEqual(fromHost[key].shape, fromDevice[key].shape, key);
        assert.deepEqual(Array.from(fromHost[key].dataSync()), Array.from(fromDevice[key].dataSync()), key);
      }
      tf.dispose([fromHost.x, fromHost.y, fromHost.w, fromDevice.x, fromDevice.y, fromDevice.w]);
      onHost.dispose();
      onDevice.dispose();
      assert.equal(tf.memory().numTensors, before);
    });
  }
});
