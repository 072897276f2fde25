// Dense symmetric-positive-definite algebra on row-major Float64Arrays for the GP's hot loops.
// Measured: ml-matrix's element accessors made one Bayesian step at 60 observations take
// 0.30 s (scikit-learn: 0.08 s); these loops are what that step needs, nothing more.

/** In-place lower Cholesky factor of an n x n SPD matrix; false when it is not positive definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j];
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k] * a[rowJ + k];
    if (!(diagonal > 0)) return false;
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
  }
  return true;
}

/** Solves L z = b in place (L lower, row-major). */
export function forwardSolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[row + k] * b[k];
    b[i] = s / l[row + i];
  }
}

/** Solves L^T z = b in place. */
export function backwardSolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/** K^-1 from its Cholesky factor L: (L^-1)^T L^-1. */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  // Inverse of the lower-triangular L, column by column.
  const li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    li[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let k = j; k < i; k++) s -= l[row + k] * li[k * n + j];
      li[row + j] = s / l[row + i];
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k * n + i] * li[k * n + j];
      inverse[i * n + j] = s;
      inverse[j * n + i] = s;
    }
  }
  return inverse;
}
