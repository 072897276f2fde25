/**
 * Events ready for a network: a row-major matrix of scaled features, class indices, weights.
 * With `rows`, event i is row rows[i] of `x` (a view of a larger matrix); labels and weights are
 * per event (`size` of each).
 */
export interface DesignMatrix {
  x: Float32Array;
  rows?: Int32Array;
  size: number;
  features: number;
  labels: Int32Array;
  weights: Float64Array;
}

/** The given events of a design matrix, in that order: a view sharing its matrix, no copy of x. */
export function selectRows(matrix: DesignMatrix, rows: ArrayLike<number>): DesignMatrix {
  const n = rows.length;
  const xRows = new Int32Array(n);
  const labels = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const event = rows[i];
    xRows[i] = matrix.rows ? matrix.rows[event] : event;
    labels[i] = matrix.labels[event];
    weights[i] = matrix.weights[event];
  }
  return { x: matrix.x, rows: xRows, size: n, features: matrix.features, labels, weights };
}

/** 1 for a signal event (class 0), 0 for the others: what the metrics take. */
export function signalFlags(matrix: DesignMatrix): Int32Array {
  return Int32Array.from(matrix.labels, (l) => (l === 0 ? 1 : 0));
}
