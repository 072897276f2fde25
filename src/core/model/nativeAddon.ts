import * as fs from 'node:fs';
import * as path from 'node:path';

/** The optional addon built from native/*.c (scripts/build-native.mjs). */
export interface NativeAddon {
  /** op(a) x op(b) (+ bias per column) (then relu) into c: OpenBLAS's sgemm on Float32Arrays. */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number, bias: Float32Array | null, relu: boolean): void;
  /** One Adam step of one variable: updates the moments m and v in place, writes the new value to out. */
  adam(value: Float32Array, gradient: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array, learningRate: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): void;
}

const ADDON = path.join('native', 'build', 'hepml_blas.node');
let loaded: NativeAddon | undefined | null = null;

/** The addon, looked for above this file (dist/ in bundles, src/core/model/ under tsx); HEPML_NATIVE=0 turns it off. */
export function nativeAddon(): NativeAddon | undefined {
  if (loaded !== null) return loaded;
  loaded = undefined;
  if (process.env.HEPML_NATIVE === '0') return loaded;
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, ADDON);
    if (!fs.existsSync(file)) continue;
    try {
      // A binary for another platform, an older build without adam, or a missing libopenblas: the wasm kernels stay.
      const addon = require(file) as Partial<NativeAddon>;
      if (typeof addon.gemm === 'function' && typeof addon.adam === 'function') loaded = addon as NativeAddon;
    } catch {
      loaded = undefined;
    }
    break;
  }
  return loaded;
}
