import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

const PREDICT_BATCH = 8192;

/** The model's outputs for a row-major [size x features] matrix, flattened. */
export function predict(model: tfl.LayersModel, x: Float32Array, size: number, features: number): Float32Array {
  const outputs = (model.outputs[0].shape[1] as number) ?? 1;
  const result = new Float32Array(size * outputs);
  for (let start = 0; start < size; start += PREDICT_BATCH) {
    const rows = Math.min(PREDICT_BATCH, size - start);
    const values = tf.tidy(() => {
      const batch = tf.tensor2d(x.subarray(start * features, (start + rows) * features), [rows, features]);
      // apply, not predict: predict cuts 32-row batches with tf.slice, which on wasm read the
      // whole chunk back for every batch (measured: 0.45 s of a 0.9 s refit).
      return (model.apply(batch, { training: false }) as tf.Tensor).dataSync() as Float32Array;
    });
    result.set(values, start * outputs);
  }
  return result;
}
