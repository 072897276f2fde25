import * as tf from '@tensorflow/tfjs-core';

/** What the wasm backend offers to allocate float32 tensors and view them on its heap. */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** What the wasm and CPU backends offer to read and write float32 tensors in place. */
interface HostBackend extends Partial<WasmHeap> {
  data?: { get(dataId: object): { values?: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: 'float32', values?: Float32Array): tf.TensorInfo;
}

/**
 * Zero-copy access to float32 tensors in this process's memory, for the few loops tfjs would
 * run as a dozen kernels each (an optimizer's update, the loss and its gradient). Undefined on
 * backends whose tensors live elsewhere (TensorFlow's native runtime, a GPU): those keep the ops.
 */
export interface HostTensors {
  /** The tensor's values; on wasm a view of the heap, valid until the next allocation. */
  values(tensor: tf.TensorInfo): Float32Array;
  /** A new float32 tensor of that shape; fill it through values() before anyone reads it. */
  allocate(shape: number[]): tf.Tensor;
}

export function hostTensors(): HostTensors | undefined {
  const name = tf.getBackend();
  if (name !== 'wasm' && name !== 'cpu') return undefined;
  const backend = tf.backend() as unknown as HostBackend;
  const engine = tf.engine();
  if (name === 'wasm' && backend.typedArrayFromHeap && backend.makeOutput) {
    const heap = backend as WasmHeap;
    return {
      values: (tensor) => heap.typedArrayFromHeap(tensor),
      allocate: (shape) => engine.makeTensorFromTensorInfo(heap.makeOutput(shape, 'float32')),
    };
  }
  if (name === 'cpu' && backend.data) {
    const data = backend.data;
    return {
      values: (tensor) => data.get(tensor.dataId)!.values as Float32Array,
      allocate: (shape) => engine.makeTensorFromTensorInfo(backend.makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((a, b) => a * b, 1)))),
    };
  }
  return undefined;
}
