// Argument checks shared by the addon's functions: Float32Array ranges, integers, booleans, numbers.
#pragma once
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline bool floats(napi_env env, napi_value value, size_t offset, size_t needed, float **out) {
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array || offset + needed > length) return false;
  *out = (float *)data + offset;
  return true;
}

static inline int64_t integer(napi_env env, napi_value value) {
  int64_t result = -1;
  napi_get_value_int64(env, value, &result);
  return result;
}

static inline double number(napi_env env, napi_value value) {
  double result = 0;
  napi_get_value_double(env, value, &result);
  return result;
}

static inline bool boolean(napi_env env, napi_value value) {
  bool result = false;
  napi_get_value_bool(env, value, &result);
  return result;
}

napi_value gemm(napi_env env, napi_callback_info info);
napi_value adam(napi_env env, napi_callback_info info);
napi_value cholesky(napi_env env, napi_callback_info info);
napi_value inverseFromCholesky(napi_env env, napi_callback_info info);
napi_value solveLowerRows(napi_env env, napi_callback_info info);
