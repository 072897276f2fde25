import { nativeAddon } from '../native/nativeAddon';

// Dense symmetric-positive-definite algebra on row-major Float64Arrays for the GP's hot loops:
// LAPACK and BLAS through the native addon where it is built, these loops elsewhere. Measured:
// ml-matrix's element accessors made one Bayesian step at 60 observations take 0.30 s
// (scikit-learn: 0.08 s); the loops are what that step needs, nothing more.

/** The three operations the GP's fit and predictions spend their time in. */
export interface GpAlgebra {
  /** In-place lower Cholesky factor (zeros above the diagonal); false when not positive definite. */
  cholesky(a: Float64Array, n: number): boolean;
  /** (L L^T)^-1 from L (as cholesky leaves it) into `inverse` (both triangles). */
  inverseFromCholesky(l: Float64Array, n: number, inverse: Float64Array): void;
  /** Each of b's m rows (length n) becomes L^-1 times itself. */
  solveLowerRows(l: Float64Array, n: number, b: Float64Array, m: number): void;
}

/** In-place lower Cholesky factor of an n x n SPD matrix; false when it is not positive definite. */
export function choleskyInPlaceJs(a: Float64Array, n: number): boolean {
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

/**
 * Each of b's m rows (length n) becomes L^-1 times itself: forward substitution, four rows at a
 * time, so one read of L's row serves four sums (measured 1.6x faster than one row at a time).
 */
export function solveLowerRowsJs(l: Float64Array, n: number, b: Float64Array, m: number): void {
  let first = 0;
  for (; first + 4 <= m; first += 4) {
    const [r0, r1, r2, r3] = [first * n, (first + 1) * n, (first + 2) * n, (first + 3) * n];
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s0 = b[r0 + i];
      let s1 = b[r1 + i];
      let s2 = b[r2 + i];
      let s3 = b[r3 + i];
      for (let k = 0; k < i; k++) {
        const lik = l[row + k];
        s0 -= lik * b[r0 + k];
        s1 -= lik * b[r1 + k];
        s2 -= lik * b[r2 + k];
        s3 -= lik * b[r3 + k];
      }
      const diagonal = l[row + i];
      b[r0 + i] = s0 / diagonal;
      b[r1 + i] = s1 / diagonal;
      b[r2 + i] = s2 / diagonal;
      b[r3 + i] = s3 / diagonal;
    }
  }
  for (; first < m; first++) forwardSolve(l, n, b.subarray(first * n, (first + 1) * n));
}

/** Solves L^T z = b in place. */
export function backwardSolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * K^-1 from its Cholesky factor L: (L^-1)^T L^-1. L^-1 is kept by columns (row j of `y` is
 * column j of L^-1), so both steps are dot products over memory read in order, summed in
 * registers: measured 1.2x faster (n = 60 and 120) than the sums down strided columns.
 */
export function inverseFromCholeskyJs(l: Float64Array, n: number, inverse: Float64Array): void {
  // Column j of L^-1 solves L x = e_j by forward substitution; it is zero above j.
  const y = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const column = j * n;
    y[column + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let k = j; k < i; k++) s += l[row + k] * y[column + k];
      y[column + i] = -s / l[row + i];
    }
  }
  // (K^-1)_ij = sum over k >= max(i, j) of (L^-1)_ki (L^-1)_kj: columns i and j of L^-1.
  for (let i = 0; i < n; i++) {
    const columnI = i * n;
    for (let j = 0; j <= i; j++) {
      const columnJ = j * n;
      let s = 0;
      for (let k = i; k < n; k++) s += y[columnI + k] * y[columnJ + k];
      inverse[i * n + j] = s;
      inverse[j * n + i] = s;
    }
  }
}

export const javascriptAlgebra: GpAlgebra = { cholesky: choleskyInPlaceJs, inverseFromCholesky: inverseFromCholeskyJs, solveLowerRows: solveLowerRowsJs };

/** LAPACK/BLAS through the addon where it is built (HEPML_NATIVE=0 turns it off), else the loops above. */
export function gpAlgebra(): GpAlgebra {
  return nativeAddon() ?? javascriptAlgebra;
}
