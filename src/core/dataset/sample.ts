import { createRng } from '../util/random';
import { quantileSorted } from './quantile';

/**
 * At most `limit` event indices out of `size`, spread evenly with a seeded random offset per
 * stride (all of them when there are fewer): statistics that need sorting stay cheap at any size.
 */
export function sampleIndices(size: number, limit: number, seed = 'sample'): Int32Array {
  if (size <= limit) return Int32Array.from({ length: size }, (_, i) => i);
  const rng = createRng(seed);
  const stride = size / limit;
  const out = new Int32Array(limit);
  for (let i = 0; i < limit; i++) out[i] = Math.min(size - 1, Math.floor(i * stride + rng() * stride));
  return out;
}

/** Quantiles (numpy's linear method) of the values at `indices` (or all), skipping one marker value. */
export function quantilesOf(values: ArrayLike<number>, qs: number[], indices?: ArrayLike<number>, skip?: number): number[] {
  const n = indices ? indices.length : values.length;
  const picked = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[indices ? indices[i] : i];
    if (v !== skip) picked[m++] = v;
  }
  const sorted = picked.subarray(0, m).sort();
  return qs.map((q) => quantileSorted(sorted, q));
}
