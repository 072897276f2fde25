import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import type { LayerConfig, ResolvedConfig } from '../../../src/shared/config';
import { rocAuc } from '../../../src/core/metrics/roc';
import { chooseBackend } from '../../../src/core/model/backend';
import { buildNetwork } from '../../../src/core/model/network';
import { predict } from '../../../src/core/model/predict';
import { loadModel, saveModel } from '../../../src/core/model/save';
import { trainNetwork } from '../../../src/core/model/train';
import type { DesignMatrix } from '../../../src/core/dataset/designMatrix';
import { createRng } from '../../../src/core/util/random';
import { gaussian } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/paths';
import { maxOf } from '../../../src/core/util/arrays';

function separable(n: number, seed: number): DesignMatrix {
  const rng = createRng(seed);
  const x = new Float32Array(n * 4);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    const shift = labels[i] === 0 ? 1 : -1;
    for (let f = 0; f < 4; f++) x[i * 4 + f] = gaussian(rng) + (f < 2 ? shift : 0);
  }
  return { x, size: n, features: 4, labels, weights: new Float64Array(n).fill(1) };
}

function training(overrides: Partial<ResolvedConfig['training']> = {}): ResolvedConfig['training'] {
  return {
    optimizer: 'adam', learningRate: 0.01, loss: 'binary_crossentropy', batchSize: 32, epochs: 5, validationFraction: 0.1,
    earlyStopping: false, useWeights: true, classBalance: true, seed: 1, ...overrides,
  };
}

const layer = (units: number, extra: Partial<LayerConfig> = {}): Required<LayerConfig> => ({
  units, activation: 'relu', kernelInitializer: 'glorot_uniform', dropout: 0, l2: 0, ...extra,
});

describe('training', () => {
  before(async () => {
    await chooseBackend();
  });

  it('learns a separable problem, with dropout, L2 and leaky ReLU, without leaking tensors across epochs', async () => {
    const train = separable(600, 1);
    const test = separable(400, 2);
    const network = buildNetwork(4, [layer(16, { dropout: 0.2, l2: 1e-4, activation: 'leaky_relu' }), layer(8, { activation: 'tanh' })], 2, createRng(1));
    const counts: number[] = [];
    const result = await trainNetwork(network, train, test, {
      training: training({ epochs: 6 }),
      onEpoch: () => {
        counts.push(tf.memory().numTensors);
      },
    });
    assert.equal(result.history.length, 6);
    assert.equal(new Set(counts.slice(1)).size, 1, `tensor count changed across epochs: ${counts.join(', ')}`);
    const scores = predict(network.model, test);
    const auc = rocAuc(Array.from(test.labels, (l) => (l === 0 ? 1 : 0)), scores);
    assert.ok(auc > 0.9, `AUC ${auc}`);
    assert.ok(result.history[5].val_loss! < result.history[0].val_loss!, 'validation loss fell');
    network.model.dispose();
  });

  it('is reproducible under a seed', async () => {
    const run = async () => {
      const network = buildNetwork(4, [layer(8, { dropout: 0.3 })], 2, createRng(5));
      const result = await trainNetwork(network, separable(300, 3), undefined, { training: training({ epochs: 2, seed: 9 }) });
      network.model.dispose();
      return result.history.map((h) => h.loss);
    };
    assert.deepEqual(await run(), await run());
  });

  it('stops early and restores the best weights', async () => {
    const network = buildNetwork(4, [layer(32)], 2, createRng(2));
    const data = separable(200, 4);
    const result = await trainNetwork(network, data, separable(200, 5), {
      training: training({ epochs: 200, learningRate: 0.05, earlyStopping: { monitor: 'val_loss', patience: 2, minDelta: 0, restoreBestWeights: true } }),
    });
    assert.ok(result.stoppedEarly && result.history.length < 200, `ran ${result.history.length} epochs`);
    // Keras: the last epoch is the best one plus `patience` epochs without improvement.
    assert.equal(result.history.length, result.bestEpoch + 2);
    network.model.dispose();
  });

  it('trains a softmax output for three classes', async () => {
    const rng = createRng(7);
    const n = 450;
    const x = new Float32Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      x[i * 2] = gaussian(rng) + 3 * labels[i];
      x[i * 2 + 1] = gaussian(rng);
    }
    const network = buildNetwork(2, [layer(8)], 3, createRng(3));
    await trainNetwork(network, { x, size: n, features: 2, labels, weights: new Float64Array(n).fill(1) }, undefined, { training: training({ epochs: 15, loss: 'categorical_crossentropy' }) });
    const probabilities = predict(network.model, { x, size: n, features: 2 });
    let right = 0;
    for (let i = 0; i < n; i++) {
      const row = Array.from(probabilities.subarray(i * 3, i * 3 + 3));
      assert.ok(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-5, 'softmax rows sum to one');
      if (row.indexOf(maxOf(row)) === labels[i]) right++;
    }
    assert.ok(right / n > 0.8, `accuracy ${right / n}`);
    network.model.dispose();
  });

  it('saves in the tfjs layers format and loads back with the same predictions', async () => {
    const network = buildNetwork(4, [layer(8)], 2, createRng(4));
    const data = separable(100, 6);
    await trainNetwork(network, data, undefined, { training: training({ epochs: 1 }) });
    const dir = path.join(tempDir(), 'model');
    await saveModel(network.model, dir);
    await saveModel(network.model, dir);
    const loaded = await loadModel(dir);
    assert.deepEqual(predict(loaded, data), predict(network.model, data));
    network.model.dispose();
    loaded.dispose();
  });

  it('stops with a clear error when the loss becomes NaN or infinite', async () => {
    const network = buildNetwork(4, [layer(16)], 2, createRng(6));
    const data = separable(300, 8);
    data.x.forEach((v, i) => (data.x[i] = v * 1e6));
    await assert.rejects(
      trainNetwork(network, data, undefined, { training: training({ optimizer: 'sgd', learningRate: 10, epochs: 5 }) }),
      /the training loss became (NaN|Infinity|-Infinity) at epoch \d; lower training\.learningRate/,
    );
    network.model.dispose();
  });
});
