// The optional addon (scripts/build-native.mjs -> native/build/hepml_blas.node): OpenBLAS's sgemm
// for dense layers, a one-pass Adam update, and LAPACK for the Gaussian process. Optional
// everywhere: without it the wasm kernels and the JavaScript algebra run.
#include "args.h"

void openblas_set_num_threads(int threads);

static void export_function(napi_env env, napi_value exports, const char *name, napi_callback callback) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, NULL, &fn);
  napi_set_named_property(env, exports, name, fn);
}

static napi_value init(napi_env env, napi_value exports) {
  // One BLAS thread: parallelism comes from the search's worker processes.
  openblas_set_num_threads(1);
  export_function(env, exports, "gemm", gemm);
  export_function(env, exports, "adam", adam);
  export_function(env, exports, "cholesky", cholesky);
  export_function(env, exports, "inverseFromCholesky", inverseFromCholesky);
  export_function(env, exports, "solveLowerRows", solveLowerRows);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
