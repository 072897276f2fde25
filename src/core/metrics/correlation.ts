/** Weighted sums of one pass over events, from which a correlation matrix follows. */
export interface CorrelationAccumulator {
  /** Adds one event's values (one per variable) with its weight. */
  add(values: ArrayLike<number>, weight: number): void;
  /** Pearson correlations; a constant variable gives NaN entries, as numpy does. */
  matrix(): number[][];
}

const BLOCK = 512;

/** Adds a block's column sums and pair products (dot products of whole columns) to the totals. */
function blockProducts(weighted: Float64Array, block: Float64Array, n: number, d: number, sums: Float64Array, products: Float64Array): void {
  for (let a = 0; a < d; a++) {
    const wa = a * BLOCK;
    let s = 0;
    for (let i = 0; i < n; i++) s += weighted[wa + i];
    sums[a] += s;
    for (let b = a; b < d; b++) products[a * d + b] += dot(weighted, wa, block, b * BLOCK, n);
  }
}

/** x[xFrom..] . y[yFrom..] over n values, four partial sums at a time. */
function dot(x: Float64Array, xFrom: number, y: Float64Array, yFrom: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[xFrom + i] * y[yFrom + i];
    s1 += x[xFrom + i + 1] * y[yFrom + i + 1];
    s2 += x[xFrom + i + 2] * y[yFrom + i + 2];
    s3 += x[xFrom + i + 3] * y[yFrom + i + 3];
  }
  for (; i < n; i++) s0 += x[xFrom + i] * y[yFrom + i];
  return s0 + s1 + s2 + s3;
}

/**
 * One-pass (weighted) correlations of d variables: sums of values and of products, taken about
 * the first event's values so that large means do not cancel the variances. Events are
 * buffered in blocks, column by column, and each pair's products summed as one dot product
 * (a running sum per pair, updated per event, was 6x slower).
 */
export function correlationAccumulator(d: number): CorrelationAccumulator {
  const shift = new Float64Array(d);
  const sums = new Float64Array(d);
  const products = new Float64Array(d * d);
  // Column-major block: block[a * BLOCK + i] is variable a of buffered event i.
  const block = new Float64Array(d * BLOCK);
  const weighted = new Float64Array(d * BLOCK);
  let filled = 0;
  let sumW = 0;
  let first = true;
  const flush = () => {
    blockProducts(weighted, block, filled, d, sums, products);
    filled = 0;
  };
  return {
    add(values, weight) {
      if (first) {
        for (let a = 0; a < d; a++) shift[a] = values[a];
        first = false;
      }
      sumW += weight;
      for (let a = 0; a < d; a++) {
        const centred = values[a] - shift[a];
        block[a * BLOCK + filled] = centred;
        weighted[a * BLOCK + filled] = weight * centred;
      }
      if (++filled === BLOCK) flush();
    },
    matrix() {
      flush();
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

/**
 * Correlations of the columns at `rows` (weighted when `weights` is given, one per table row):
 * each block of events is copied column by column, so that every pass reads a column in order.
 */
export function correlationOfRows(columns: ArrayLike<number>[], rows: Int32Array, weights?: ArrayLike<number>): number[][] {
  const d = columns.length;
  const accumulator = correlationAccumulator(d);
  const row = new Float64Array(d);
  const block = new Float64Array(d * BLOCK);
  for (let start = 0; start < rows.length; start += BLOCK) {
    const n = Math.min(BLOCK, rows.length - start);
    for (let a = 0; a < d; a++) {
      const column = columns[a];
      const base = a * BLOCK;
      for (let i = 0; i < n; i++) block[base + i] = column[rows[start + i]];
    }
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) row[a] = block[a * BLOCK + i];
      accumulator.add(row, weights ? weights[rows[start + i]] : 1);
    }
  }
  return accumulator.matrix();
}
