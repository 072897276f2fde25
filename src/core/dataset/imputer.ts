import { quantilesBySelection } from './quantile';

/** Per-feature replacement for a missing-value sentinel: the median of the measured values at `rows`. */
export function fitMedianImputer(columns: Float32Array[], rows: Int32Array, sentinel: number): number[] {
  const marker = Math.fround(sentinel);
  return columns.map((column) => {
    const measured = new Float32Array(rows.length);
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = column[rows[i]];
      if (v !== marker) measured[n++] = v;
    }
    return n > 0 ? quantilesBySelection(measured.subarray(0, n), [0.5])[0] : 0;
  });
}

/** A feature's values with the sentinel replaced: what the scaler and the network see. */
export interface Imputation {
  marker: number;
  fills: number[];
}

/** The values of column `f` at `rows`, imputed, as float32. */
export function imputedValues(column: Float32Array, rows: Int32Array, f: number, imputation?: Imputation): Float32Array {
  const out = new Float32Array(rows.length);
  const marker = imputation?.marker;
  const fill = imputation?.fills[f] ?? 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column[rows[i]];
    out[i] = v === marker ? fill : v;
  }
  return out;
}
