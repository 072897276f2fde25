import * as tf from '@tensorflow/tfjs-core';
import { nativeAddon, type NativeAddon } from '../native/nativeAddon';
import type { WasmHeap } from './hostTensors';

type Inputs = Record<string, tf.TensorInfo | undefined>;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * op(a) x op(b) (+ bias) (then relu) through the addon, zero-copy on the wasm heap; undefined
 * when the shapes need a broadcast it does not do (the original kernel handles those).
 */
function nativeMatMul(blas: NativeAddon, backend: WasmHeap, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean, bias: tf.TensorInfo | undefined, relu: boolean): tf.TensorInfo | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || (bias && bias.dtype !== 'float32')) return undefined;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== (transposeB ? b.shape[rb - 1] : b.shape[rb - 2])) return undefined;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = size(outerA);
  const batchB = size(outerB);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return undefined;
  // A bias per output column only (a dense layer's).
  if (bias && (size(bias.shape) !== n || bias.shape[bias.shape.length - 1] !== n)) return undefined;
  const outer = batchA >= batchB ? outerA : outerB;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  // Views taken after the output's allocation: growing the heap would detach earlier ones.
  const c = backend.typedArrayFromHeap(out);
  const av = backend.typedArrayFromHeap(a);
  const bv = backend.typedArrayFromHeap(b);
  const biasView = bias ? backend.typedArrayFromHeap(bias) : null;
  const batch = Math.max(batchA, batchB);
  for (let i = 0; i < batch; i++) {
    blas.gemm(transposeA, transposeB, m, n, k, av, batchA === 1 ? 0 : i * m * k, bv, batchB === 1 ? 0 : i * k * n, c, i * m * n, biasView, relu);
  }
  return out;
}

/**
 * Replaces the wasm backend's BatchMatMul and _FusedMatMul (a dense layer's forward pass, with
 * bias and relu) with OpenBLAS's sgemm when the addon is built here. Returns whether it did.
 */
export function registerNativeWasmKernels(): boolean {
  const blas = nativeAddon();
  const batchMatMul = tf.getKernel('BatchMatMul', 'wasm');
  const fusedMatMul = tf.getKernel('_FusedMatMul', 'wasm');
  if (!blas || !batchMatMul || !fusedMatMul) return false;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...batchMatMul,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as Inputs;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      return nativeMatMul(blas, args.backend as unknown as WasmHeap, a!, b!, transposeA, transposeB, undefined, false) ?? batchMatMul.kernelFunc(args);
    },
  });
  tf.unregisterKernel('_FusedMatMul', 'wasm');
  tf.registerKernel({
    ...fusedMatMul,
    kernelFunc: (args) => {
      const { a, b, bias, preluActivationWeights } = args.inputs as Inputs;
      const { transposeA, transposeB, activation } = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
      const simple = !preluActivationWeights && (activation === undefined || activation === 'linear' || activation === 'relu');
      const out = simple ? nativeMatMul(blas, args.backend as unknown as WasmHeap, a!, b!, transposeA, transposeB, bias, activation === 'relu') : undefined;
      return out ?? fusedMatMul.kernelFunc(args);
    },
  });
  return true;
}
