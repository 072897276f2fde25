// Probability calibration: isotonic regression and Platt's sigmoid, as scikit-learn fits them
// (IsotonicRegression(out_of_bounds='clip'), CalibratedClassifierCV's _sigmoid_calibration).

/** Fitted values at `x` of the weighted increasing isotonic regression of y on x. */
export function isotonicRegression(x: ArrayLike<number>, y: ArrayLike<number>, weights?: ArrayLike<number>): number[] {
  const n = x.length;
  if (y.length !== n || (weights && weights.length !== n)) throw new RangeError('x, y and weights must have the same length');
  // Zero-weight points do not take part in the fit (scikit-learn drops them); they are interpolated.
  const used = Array.from({ length: n }, (_, i) => i).filter((i) => !weights || weights[i] > 0);
  if (used.length === 0) throw new RangeError('isotonicRegression needs a positive weight');
  used.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  // Merge equal x: weighted mean of y, summed weight.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  for (const i of used) {
    const w = weights ? weights[i] : 1;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      uy[last] = (uy[last] * uw[last] + y[i] * w) / (uw[last] + w);
      uw[last] += w;
    } else {
      ux.push(x[i]);
      uy.push(y[i]);
      uw.push(w);
    }
  }
  // Pool adjacent violators over blocks [start, end).
  const value: number[] = [];
  const weight: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < ux.length; i++) {
    value.push(uy[i]);
    weight.push(uw[i]);
    size.push(1);
    while (value.length > 1 && value[value.length - 2] >= value[value.length - 1]) {
      const w = weight[weight.length - 2] + weight[weight.length - 1];
      const v = (value[value.length - 2] * weight[weight.length - 2] + value[value.length - 1] * weight[weight.length - 1]) / w;
      const s = size[size.length - 2] + size[size.length - 1];
      value.splice(-2, 2, v);
      weight.splice(-2, 2, w);
      size.splice(-2, 2, s);
    }
  }
  const fitted: number[] = [];
  value.forEach((v, b) => {
    for (let k = 0; k < size[b]; k++) fitted.push(v);
  });
  // Linear interpolation between the unique x, clipped at the ends (as numpy.interp).
  return Array.from({ length: n }, (_, i) => interpolate(ux, fitted, x[i]));
}

/** numpy.interp: linear interpolation in increasing xs, clipped at the ends. */
export function interpolate(xs: number[], ys: number[], at: number): number {
  if (at <= xs[0]) return ys[0];
  if (at >= xs[xs.length - 1]) return ys[ys.length - 1];
  let low = 0;
  let high = xs.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (xs[mid] <= at) low = mid;
    else high = mid;
  }
  if (xs[low] === at) return ys[low];
  return ys[low] + ((ys[high] - ys[low]) * (at - xs[low])) / (xs[high] - xs[low]);
}

/**
 * Platt scaling: P(y = 1 | s) = 1 / (1 + exp(a s + b)), fitted by maximum likelihood on Platt's
 * smoothed targets, with scikit-learn's start; solved by Newton's method (the problem is convex).
 */
export function plattScaling(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): { a: number; b: number } {
  const n = scores.length;
  let prior0 = 0;
  let prior1 = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (labels[i] > 0) prior1 += w;
    else prior0 += w;
  }
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  const loss = (a0: number, b0: number) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const t = labels[i] > 0 ? hiTarget : loTarget;
      const z = a0 * scores[i] + b0;
      // -[t log p + (1 - t) log(1 - p)] with p = 1 / (1 + e^z), computed stably.
      const logP = -softplus(z);
      const log1mP = -softplus(-z);
      total -= (weights ? weights[i] : 1) * (t * logP + (1 - t) * log1mP);
    }
    return total;
  };
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 0;
    let hAB = 0;
    let hBB = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      const t = labels[i] > 0 ? hiTarget : loTarget;
      const p = 1 / (1 + Math.exp(a * scores[i] + b));
      const d = w * (t - p);
      gA += d * scores[i];
      gB += d;
      const h = w * p * (1 - p);
      hAA += h * scores[i] * scores[i];
      hAB += h * scores[i];
      hBB += h;
    }
    const determinant = hAA * hBB - hAB * hAB;
    if (!(determinant > 0)) break;
    let stepA = -(hBB * gA - hAB * gB) / determinant;
    let stepB = -(-hAB * gA + hAA * gB) / determinant;
    let next = loss(a + stepA, b + stepB);
    for (let halvings = 0; halvings < 30 && !(next <= current); halvings++) {
      stepA /= 2;
      stepB /= 2;
      next = loss(a + stepA, b + stepB);
    }
    if (!(next <= current)) break;
    a += stepA;
    b += stepB;
    const improvement = current - next;
    current = next;
    if (Math.abs(stepA) < 1e-12 && Math.abs(stepB) < 1e-12) break;
    if (improvement < 1e-14 * Math.max(1, Math.abs(current))) break;
  }
  return { a, b };
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Brier score: the (weighted) mean squared difference between probability and outcome. */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    sum += w * (probabilities[i] - (labels[i] > 0 ? 1 : 0)) ** 2;
    total += w;
  }
  return sum / total;
}
