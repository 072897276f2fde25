// Adam's update of one variable in a single pass (tfjs runs about ten kernels per variable):
// the moments live in Float32Arrays the optimizer owns; the new value goes to `out`, so a
// tensor that shares the variable's storage never changes under its holder.
#include <math.h>
#include "args.h"

// adam(value, gradient, m, v, out, learningRate, beta1, beta2, epsilon, correction1, correction2):
// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; out = value - lr (m / c1) / (sqrt(v / c2) + eps).
napi_value adam(napi_env env, napi_callback_info info) {
  napi_value argv[11];
  if (!arguments(env, info, 11, argv, "adam: 11 arguments")) return NULL;
  napi_typedarray_type type;
  size_t n = 0;
  napi_get_typedarray_info(env, argv[0], &type, &n, NULL, NULL, NULL);
  float *value, *gradient, *m, *v, *out;
  if (!floats(env, argv[0], 0, n, &value) || !floats(env, argv[1], 0, n, &gradient) || !floats(env, argv[2], 0, n, &m) ||
      !floats(env, argv[3], 0, n, &v) || !floats(env, argv[4], 0, n, &out)) {
    napi_throw_range_error(env, NULL, "adam: value, gradient, moments and output must be Float32Arrays of one length");
    return NULL;
  }
  const float lr = (float)number(env, argv[5]), b1 = (float)number(env, argv[6]), b2 = (float)number(env, argv[7]);
  const float eps = (float)number(env, argv[8]), c1 = (float)number(env, argv[9]), c2 = (float)number(env, argv[10]);
  for (size_t i = 0; i < n; i++) {
    const float g = gradient[i];
    const float mi = m[i] = b1 * m[i] + (1.0f - b1) * g;
    const float vi = v[i] = b2 * v[i] + (1.0f - b2) * g * g;
    out[i] = value[i] - lr * (mi / c1) / (sqrtf(vi / c2) + eps);
  }
  return NULL;
}
