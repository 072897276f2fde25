import * as tf from '@tensorflow/tfjs-core';
import type { HostTensors } from './hostTensors';
import { rowBlock } from './predict';
import type { DesignMatrix } from '../dataset/designMatrix';

export interface Batch {
  x: tf.Tensor2D;
  /** [n, 1] with 1 for the signal (class 0), or one-hot [n, classes]. */
  y: tf.Tensor2D;
  w: tf.Tensor1D;
}

/** Targets per event: 1 for the signal (class 0) in binary tasks, one-hot rows otherwise. */
function targets(labels: Int32Array, classes: number): { values: Float32Array; width: number } {
  const width = classes <= 2 ? 1 : classes;
  const values = new Float32Array(labels.length * width);
  labels.forEach((label, i) => {
    if (width === 1) values[i] = label === 0 ? 1 : 0;
    else values[i * width + label] = 1;
  });
  return { values, width };
}

/**
 * Mini-batches in a shuffled order. Where tensors live in this process the rows are copied
 * straight into the batch tensors (one pass); elsewhere the data go to the device once and
 * each batch is gathered there. Measured on the small network: tfjs-wasm's slice of the
 * order read the whole order back each batch and its gather cost ~60 us a call, together a
 * quarter of the step.
 */
export class BatchSource {
  private readonly targets: { values: Float32Array; width: number };
  private readonly weights: Float32Array;
  private readonly device?: { x: tf.Tensor2D; y: tf.Tensor2D; w: tf.Tensor1D };

  constructor(
    private readonly events: DesignMatrix,
    classes: number,
    private readonly host: HostTensors | undefined,
  ) {
    this.targets = targets(events.labels, classes);
    this.weights = Float32Array.from(events.weights);
    if (!host) {
      this.device = {
        x: tf.tensor2d(rowBlock(events, 0, events.size), [events.size, events.features]),
        y: tf.tensor2d(this.targets.values, [events.size, this.targets.width]),
        w: tf.tensor1d(this.weights),
      };
    }
  }

  /** The events order[start], ..., order[start + size - 1]; tensors the caller disposes (tidy). */
  batch(order: Int32Array, start: number, size: number): Batch {
    const rows = order.subarray(start, start + size);
    if (this.device) {
      const indices = tf.tensor1d(rows, 'int32');
      return { x: tf.gather(this.device.x, indices), y: tf.gather(this.device.y, indices), w: tf.gather(this.device.w, indices) };
    }
    const host = this.host!;
    const { features } = this.events;
    const width = this.targets.width;
    const x = host.allocate([size, features]) as tf.Tensor2D;
    const y = host.allocate([size, width]) as tf.Tensor2D;
    const w = host.allocate([size]) as tf.Tensor1D;
    // Views after every allocation: growing the wasm heap detaches earlier ones.
    const [xs, ys, ws] = [host.values(x), host.values(y), host.values(w)];
    const xRows = this.events.rows;
    for (let i = 0; i < size; i++) {
      const row = rows[i];
      const xRow = xRows ? xRows[row] : row;
      xs.set(this.events.x.subarray(xRow * features, (xRow + 1) * features), i * features);
      if (width === 1) ys[i] = this.targets.values[row];
      else ys.set(this.targets.values.subarray(row * width, (row + 1) * width), i * width);
      ws[i] = this.weights[row];
    }
    return { x, y, w };
  }

  dispose(): void {
    if (this.device) tf.dispose([this.device.x, this.device.y, this.device.w]);
  }
}
