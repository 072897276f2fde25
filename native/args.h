// Argument checks shared by the addon's functions: the count, typed-array ranges, integers,
// booleans, numbers.
#pragma once
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// The call's arguments into argv; false (with a TypeError thrown) unless there are exactly `count`.
static inline bool arguments(napi_env env, napi_callback_info info, size_t count, napi_value *argv, const char *message) {
  size_t argc = count;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc == count) return true;
  napi_throw_type_error(env, NULL, message);
  return false;
}

// The data of a typed array of `wanted` type holding at least offset + needed elements.
static inline void *typed(napi_env env, napi_value value, napi_typedarray_type wanted, size_t elementSize, size_t offset, size_t needed) {
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != wanted || offset + needed > length) return NULL;
  return (char *)data + offset * elementSize;
}

static inline bool floats(napi_env env, napi_value value, size_t offset, size_t needed, float **out) {
  return (*out = typed(env, value, napi_float32_array, sizeof(float), offset, needed)) != NULL;
}

static inline bool doubles(napi_env env, napi_value value, size_t needed, double **out) {
  return (*out = typed(env, value, napi_float64_array, sizeof(double), 0, needed)) != NULL;
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
