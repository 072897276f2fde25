// Dense-layer matrix products for the wasm backend through the system's BLAS (OpenBLAS):
// zero-copy on Float32Arrays that view the wasm heap.
#include "args.h"

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

// gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias | null, relu):
// c = op(a) op(b) (+ bias per column) (then max(0, .)); op(a) is m x k, op(b) is k x n, c is m x n.
napi_value gemm(napi_env env, napi_callback_info info) {
  napi_value argv[13];
  if (!arguments(env, info, 13, argv, "gemm: 13 arguments")) return NULL;
  bool transA = boolean(env, argv[0]), transB = boolean(env, argv[1]);
  int64_t m = integer(env, argv[2]), n = integer(env, argv[3]), k = integer(env, argv[4]);
  int64_t aOffset = integer(env, argv[6]), bOffset = integer(env, argv[8]), cOffset = integer(env, argv[10]);
  float *a, *b, *c, *bias = NULL;
  napi_valuetype biasType;
  napi_typeof(env, argv[11], &biasType);
  if (m < 0 || n < 0 || k < 0 || aOffset < 0 || bOffset < 0 || cOffset < 0 ||
      !floats(env, argv[5], (size_t)aOffset, (size_t)(m * k), &a) || !floats(env, argv[7], (size_t)bOffset, (size_t)(k * n), &b) ||
      !floats(env, argv[9], (size_t)cOffset, (size_t)(m * n), &c) || (biasType != napi_null && !floats(env, argv[11], 0, (size_t)n, &bias))) {
    napi_throw_range_error(env, NULL, "gemm: arguments out of range");
    return NULL;
  }
  bool relu = boolean(env, argv[12]);
  if (bias) {
    for (int64_t row = 0; row < m; row++)
      for (int64_t col = 0; col < n; col++) c[row * n + col] = bias[col];
  }
  if (m > 0 && n > 0) {
    if (k > 0) cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, (int)m, (int)n, (int)k, 1.0f, a, transA ? (int)m : (int)k, b, transB ? (int)k : (int)n, bias ? 1.0f : 0.0f, c, (int)n);
    else if (!bias) for (int64_t i = 0; i < m * n; i++) c[i] = 0.0f;
  }
  if (relu) {
    for (int64_t i = 0; i < m * n; i++) c[i] = c[i] > 0.0f ? c[i] : 0.0f;
  }
  return NULL;
}
