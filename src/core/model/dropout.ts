import * as tf from '@tensorflow/tfjs-core';
import type { HostTensors } from './hostTensors';

/**
 * Dropout masks drawn on the host with a small seeded generator (mulberry32): tfjs's
 * randomUniform plus a comparison and a cast cost ~2 s of a 2M-event epoch; one pass here
 * writes the scaled keep mask (0 or 1 / (1 - rate)) straight into the tensor.
 */
export class DropoutMasks {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A mask tensor of `shape` for dropout `rate` (the caller disposes it, e.g. in tf.tidy). */
  mask(shape: number[], rate: number, host: HostTensors | undefined): tf.Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    const keep = 1 / (1 - rate);
    if (host) {
      const tensor = host.allocate(shape);
      const values = host.values(tensor);
      for (let i = 0; i < size; i++) values[i] = this.next() >= rate ? keep : 0;
      return tensor;
    }
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = this.next() >= rate ? keep : 0;
    return tf.tensor(values, shape);
  }
}
