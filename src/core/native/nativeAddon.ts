import * as fs from 'node:fs';
import * as path from 'node:path';

/** The optional addon built from native/*.c (scripts/build-native.mjs). */
export interface NativeAddon {
  /** op(a) x op(b) (+ bias per column) (then relu) into c: OpenBLAS's sgemm on Float32Arrays. */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number, bias: Float32Array | null, relu: boolean): void;
  /** One Adam step of one variable: updates the moments m and v in place, writes the new value to out. */
  adam(value: Float32Array, gradient: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array, learningRate: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): void;
  /** LAPACK's Cholesky factor of a row-major n x n matrix, in place (L below the diagonal, zeros above); false when not positive definite. */
  cholesky(a: Float64Array, n: number): boolean;
  /** The inverse of L L^T from its factor L (as cholesky leaves it), into out (both triangles). */
  inverseFromCholesky(l: Float64Array, n: number, out: Float64Array): void;
  /** Each of b's m rows (length n) becomes L^-1 times itself (BLAS dtrsm). */
  solveLowerRows(l: Float64Array, n: number, b: Float64Array, m: number): void;
}

const ADDON = path.join('native', 'build', 'hepml_blas.node');
const FUNCTIONS: (keyof NativeAddon)[] = ['gemm', 'adam', 'cholesky', 'inverseFromCholesky', 'solveLowerRows'];
/** The AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
const AVX512_FLAGS = ['avx512f', 'avx512cd', 'avx512bw', 'avx512dq', 'avx512vl'];

/**
 * OpenBLAS 0.3.21 (Debian 12) runs its AVX2 (Haswell) kernels on AMD Zen 4 and later, which
 * have AVX-512; newer releases pick the SkylakeX kernels there. Measured here (EPYC, AVX-512):
 * sgemm 128x300x300 at 122 GFLOP/s with Haswell kernels, 224 with SkylakeX; the reference
 * network trained at 63k samples/s, then 85k. Read when the library loads, so set before that;
 * an OPENBLAS_CORETYPE the user set stays.
 */
function preferAvx512Kernels(): void {
  if (process.env.OPENBLAS_CORETYPE || process.platform !== 'linux' || process.arch !== 'x64') return;
  let flags: Set<string>;
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    flags = new Set((line ?? '').split(':')[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return;
  }
  if (AVX512_FLAGS.every((flag) => flags.has(flag))) process.env.OPENBLAS_CORETYPE = 'SkylakeX';
}
let loaded: NativeAddon | undefined | null = null;

/** The addon, looked for above this file (dist/ in bundles, src/core/native/ under tsx); HEPML_NATIVE=0 turns it off. */
export function nativeAddon(): NativeAddon | undefined {
  if (loaded !== null) return loaded;
  loaded = undefined;
  if (process.env.HEPML_NATIVE === '0') return loaded;
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, ADDON);
    if (!fs.existsSync(file)) continue;
    preferAvx512Kernels();
    try {
      // A binary for another platform, an older build lacking a function, or a missing libopenblas: the fallbacks stay.
      const addon = require(file) as Partial<NativeAddon>;
      if (FUNCTIONS.every((name) => typeof addon[name] === 'function')) loaded = addon as NativeAddon;
    } catch {
      // loaded stays undefined.
    }
    break;
  }
  return loaded;
}
