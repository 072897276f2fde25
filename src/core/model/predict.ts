import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

const PREDICT_BATCH = 8192;

/** Rows of a row-major [rows x features] matrix; `rows` (when given) picks them out of a larger one. */
export interface MatrixRows {
  x: Float32Array;
  rows?: Int32Array;
  size: number;
  features: number;
}

/** Rows [start, start + count) of a matrix as one contiguous block (a view when they are contiguous). */
export function rowBlock(matrix: MatrixRows, start: number, count: number, scratch?: Float32Array): Float32Array {
  const { x, rows, features } = matrix;
  if (!rows) return x.subarray(start * features, (start + count) * features);
  const block = scratch && scratch.length >= count * features ? scratch.subarray(0, count * features) : new Float32Array(count * features);
  for (let i = 0; i < count; i++) {
    const row = rows[start + i];
    block.set(x.subarray(row * features, (row + 1) * features), i * features);
  }
  return block;
}

/** The model's outputs for every row of a matrix, flattened. */
export function predict(model: tfl.LayersModel, matrix: MatrixRows): Float32Array {
  const outputs = (model.outputs[0].shape[1] as number) ?? 1;
  const { size, features } = matrix;
  const result = new Float32Array(size * outputs);
  const scratch = matrix.rows ? new Float32Array(PREDICT_BATCH * features) : undefined;
  for (let start = 0; start < size; start += PREDICT_BATCH) {
    const rows = Math.min(PREDICT_BATCH, size - start);
    const values = tf.tidy(() => {
      const batch = tf.tensor2d(rowBlock(matrix, start, rows, scratch), [rows, features]);
      // apply, not predict: predict cuts 32-row batches with tf.slice, which on wasm read the
      // whole chunk back for every batch (measured: 0.45 s of a 0.9 s refit).
      return (model.apply(batch, { training: false }) as tf.Tensor).dataSync() as Float32Array;
    });
    result.set(values, start * outputs);
  }
  return result;
}
