// The Gaussian process's dense algebra through LAPACK/BLAS (OpenBLAS): Cholesky factor, inverse
// from the factor, and triangular solves for many right-hand sides. Matrices are row-major
// Float64Arrays; a row-major lower triangle is LAPACK's column-major upper one.
#include "args.h"

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uploLength);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uploLength);
enum { RowMajor = 101, Right = 142, Lower = 122, Trans = 112, NonUnit = 131 };
void cblas_dtrsm(int order, int side, int uplo, int transA, int diag, int m, int n, double alpha, const double *a, int lda, double *b, int ldb);

static napi_value boolean_value(napi_env env, bool value) {
  napi_value result;
  napi_get_boolean(env, value, &result);
  return result;
}

// cholesky(a, n): a = L L^T in place (L in the lower triangle, zeros above); false when a is not positive definite.
napi_value cholesky(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!arguments(env, info, 2, argv, "cholesky: 2 arguments")) return NULL;
  int64_t n = integer(env, argv[1]);
  double *a;
  if (n < 0 || n > 100000 || !doubles(env, argv[0], (size_t)(n * n), &a)) {
    napi_throw_range_error(env, NULL, "cholesky: a Float64Array of n x n");
    return NULL;
  }
  int size = (int)n, status = 0;
  if (size == 0) return boolean_value(env, true);
  dpotrf_("U", &size, a, &size, &status, 1);
  for (int64_t i = 0; i < n; i++)
    for (int64_t j = i + 1; j < n; j++) a[i * n + j] = 0.0;
  return boolean_value(env, status == 0);
}

// inverseFromCholesky(l, n, out): out = (L L^T)^-1, both triangles (L from a successful cholesky).
napi_value inverseFromCholesky(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!arguments(env, info, 3, argv, "inverseFromCholesky: 3 arguments")) return NULL;
  int64_t n = integer(env, argv[1]);
  double *l, *out;
  if (n < 0 || n > 100000 || !doubles(env, argv[0], (size_t)(n * n), &l) || !doubles(env, argv[2], (size_t)(n * n), &out)) {
    napi_throw_range_error(env, NULL, "inverseFromCholesky: Float64Arrays of n x n");
    return NULL;
  }
  int size = (int)n, status = 0;
  if (size == 0) return NULL;
  for (int64_t i = 0; i < n * n; i++) out[i] = l[i];
  // A factor with a positive diagonal (as cholesky leaves it) always inverts.
  dpotri_("U", &size, out, &size, &status, 1);
  for (int64_t i = 0; i < n; i++)
    for (int64_t j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return NULL;
}

// solveLowerRows(l, n, b, m): each of b's m rows (length n) becomes L^-1 times itself.
napi_value solveLowerRows(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!arguments(env, info, 4, argv, "solveLowerRows: 4 arguments")) return NULL;
  int64_t n = integer(env, argv[1]), m = integer(env, argv[3]);
  double *l, *b;
  if (n < 0 || m < 0 || n > 100000 || !doubles(env, argv[0], (size_t)(n * n), &l) || !doubles(env, argv[2], (size_t)(n * m), &b)) {
    napi_throw_range_error(env, NULL, "solveLowerRows: L of n x n and b of m x n Float64Arrays");
    return NULL;
  }
  // Rows x of X with X L^T = B are x = L^-1 b.
  if (n > 0 && m > 0) cblas_dtrsm(RowMajor, Right, Lower, Trans, NonUnit, (int)m, (int)n, 1.0, l, (int)n, b, (int)n);
  return NULL;
}
