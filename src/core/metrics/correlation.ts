/** Weighted sums of one pass over events, from which a correlation matrix follows. */
export interface CorrelationAccumulator {
  /** Adds one event's values (one per variable) with its weight. */
  add(values: ArrayLike<number>, weight: number): void;
  /** Pearson correlations; a constant variable gives NaN entries, as numpy does. */
  matrix(): number[][];
}

/**
 * One-pass (weighted) correlations of d variables: sums of values and of products, taken about
 * the first event's values so that large means do not cancel the variances.
 */
export function correlationAccumulator(d: number): CorrelationAccumulator {
  const shift = new Float64Array(d);
  const sums = new Float64Array(d);
  const products = new Float64Array(d * d);
  const centred = new Float64Array(d);
  let sumW = 0;
  let first = true;
  return {
    add(values, weight) {
      if (first) {
        for (let a = 0; a < d; a++) shift[a] = values[a];
        first = false;
      }
      sumW += weight;
      for (let a = 0; a < d; a++) {
        centred[a] = values[a] - shift[a];
        sums[a] += weight * centred[a];
      }
      for (let a = 0; a < d; a++) {
        const wa = weight * centred[a];
        const base = a * d;
        for (let b = a; b < d; b++) products[base + b] += wa * centred[b];
      }
    },
    matrix() {
      const mean = Array.from(sums, (s) => s / sumW);
      const covariance = (a: number, b: number) => (a <= b ? products[a * d + b] : products[b * d + a]) / sumW - mean[a] * mean[b];
      const matrix: number[][] = [];
      for (let a = 0; a < d; a++) {
        const row: number[] = [];
        for (let b = 0; b < d; b++) {
          const va = covariance(a, a);
          const vb = covariance(b, b);
          const r = a === b && va > 0 ? 1 : covariance(a, b) / Math.sqrt(va * vb);
          row.push(Math.max(-1, Math.min(1, r)));
        }
        matrix.push(row);
      }
      return matrix;
    },
  };
}

/**
 * Linear (Pearson) correlation matrix of columns, as `numpy.corrcoef(columns)`; with weights,
 * the weighted version (TMVA's correlation matrices use event weights).
 */
export function correlationMatrix(columns: ArrayLike<number>[], weights?: ArrayLike<number>): number[][] {
  const d = columns.length;
  const n = d > 0 ? columns[0].length : 0;
  const accumulator = correlationAccumulator(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) row[f] = columns[f][i];
    accumulator.add(row, weights ? weights[i] : 1);
  }
  return accumulator.matrix();
}
