import { quantileSorted } from './quantile';

/** Per-feature replacement for a missing-value sentinel: the training-set median of the measured values. */
export function fitMedianImputer(columns: Float32Array[], sentinel: number): number[] {
  const marker = Math.fround(sentinel);
  return columns.map((column) => {
    const measured = Float64Array.from(column.filter((v) => v !== marker)).sort();
    return measured.length > 0 ? quantileSorted(measured, 0.5) : 0;
  });
}

/** Replaces the sentinel by each feature's fill value, in new columns. */
export function applyImputer(columns: Float32Array[], sentinel: number, fills: number[]): Float32Array[] {
  const marker = Math.fround(sentinel);
  return columns.map((column, f) => column.map((v) => (v === marker ? fills[f] : v)));
}
