/**
 * Linear (Pearson) correlation matrix of columns, as `numpy.corrcoef(columns)`; with weights,
 * the weighted version (TMVA's correlation matrices use event weights). A constant column
 * gives NaN entries, as numpy does.
 */
export function correlationMatrix(columns: ArrayLike<number>[], weights?: ArrayLike<number>): number[][] {
  const d = columns.length;
  const n = d > 0 ? columns[0].length : 0;
  let sumW = 0;
  for (let i = 0; i < n; i++) sumW += weights ? weights[i] : 1;
  const means = columns.map((column) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (weights ? weights[i] : 1) * column[i];
    return s / sumW;
  });
  const centred = columns.map((column, f) => Float64Array.from({ length: n }, (_, i) => column[i] - means[f]));
  const covariance = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (weights ? weights[i] : 1) * a[i] * b[i];
    return s;
  };
  const variance = centred.map((c) => covariance(c, c));
  const matrix: number[][] = [];
  for (let a = 0; a < d; a++) {
    const row: number[] = [];
    for (let b = 0; b < d; b++) {
      const r = a === b && variance[a] > 0 ? 1 : covariance(centred[a], centred[b]) / Math.sqrt(variance[a] * variance[b]);
      row.push(Math.max(-1, Math.min(1, r)));
    }
    matrix.push(row);
  }
  return matrix;
}
