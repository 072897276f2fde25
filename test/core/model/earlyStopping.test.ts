// Early stopping with Keras' semantics (keras.callbacks.EarlyStopping): `wait` counts epochs
// without improvement and training stops when wait >= patience.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EarlyStopping } from '../../../src/core/model/earlyStopping';

/** The epoch at which training stops for a sequence of monitored values (or undefined). */
function stopEpoch(values: number[], patience: number, monitor: 'val_loss' | 'val_auc' = 'val_loss', minDelta = 0): number | undefined {
  const stopping = new EarlyStopping({ monitor, patience, minDelta, restoreBestWeights: true });
  for (let i = 0; i < values.length; i++) if (stopping.observe(i + 1, values[i]) === 'stop') return i + 1;
  return undefined;
}

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement, as Keras does', () => {
    // Best at epoch 2; epochs 3 and 4 do not improve: Keras stops at epoch 4 with patience 2.
    assert.equal(stopEpoch([1, 0.9, 0.95, 0.96, 0.97, 0.98], 2), 4);
    assert.equal(stopEpoch([1, 0.9, 0.95, 0.96, 0.97, 0.98], 1), 3);
    assert.equal(stopEpoch([1, 0.9, 0.95, 0.89, 0.97, 0.98, 0.99], 2), 6);
  });

  it('maximises AUC and accuracy, and honours minDelta', () => {
    assert.equal(stopEpoch([0.7, 0.8, 0.79, 0.78], 2, 'val_auc'), 4);
    // 0.805 is no improvement on 0.8 with minDelta 0.01.
    assert.equal(stopEpoch([0.7, 0.8, 0.805, 0.806], 2, 'val_auc', 0.01), 4);
    assert.equal(stopEpoch([1, 0.9, 0.8, 0.7], 2), undefined);
  });

  it('with patience 0 stops at the first epoch that does not improve', () => {
    assert.equal(stopEpoch([1, 0.9, 0.95], 0), 3);
  });
});
