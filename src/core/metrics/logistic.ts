// L2-regularised logistic regression (scikit-learn's LogisticRegression defaults: C = 1, the
// intercept not penalised), solved by Newton's method: the stacking meta-model.

export interface LogisticModel {
  coefficients: number[];
  intercept: number;
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= factor * a[c][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/** Fits P(y = 1 | x) = 1 / (1 + exp(-(w.x + b))) to rows of features. */
export function fitLogistic(features: number[][], labels: ArrayLike<number>, c = 1): LogisticModel {
  const p = features[0]?.length ?? 0;
  let theta = new Array<number>(p + 1).fill(0);
  const objective = (t: number[]) => {
    let value = 0;
    for (let i = 0; i < features.length; i++) {
      const z = t[p] + features[i].reduce((s, v, j) => s + v * t[j], 0);
      value += c * (z > 0 ? Math.log1p(Math.exp(-z)) + (labels[i] > 0 ? 0 : z) : Math.log1p(Math.exp(z)) - (labels[i] > 0 ? z : 0));
    }
    for (let j = 0; j < p; j++) value += 0.5 * t[j] * t[j];
    return value;
  };
  let current = objective(theta);
  for (let iteration = 0; iteration < 100; iteration++) {
    const gradient = new Array<number>(p + 1).fill(0);
    const hessian = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    for (let i = 0; i < features.length; i++) {
      const x = [...features[i], 1];
      const z = x.reduce((s, v, j) => s + v * theta[j], 0);
      const probability = 1 / (1 + Math.exp(-z));
      const residual = c * (probability - (labels[i] > 0 ? 1 : 0));
      const curvature = c * probability * (1 - probability);
      for (let j = 0; j <= p; j++) {
        gradient[j] += residual * x[j];
        for (let k = 0; k <= p; k++) hessian[j][k] += curvature * x[j] * x[k];
      }
    }
    for (let j = 0; j < p; j++) {
      gradient[j] += theta[j];
      hessian[j][j] += 1;
    }
    hessian[p][p] += 1e-12;
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = theta.map((v, j) => v - scale * step[j]);
    let value = objective(next);
    while (!(value <= current) && scale > 1e-10) {
      scale /= 2;
      next = theta.map((v, j) => v - scale * step[j]);
      value = objective(next);
    }
    if (!(value <= current)) break;
    const improvement = current - value;
    theta = next;
    current = value;
    if (improvement < 1e-12 * Math.max(1, Math.abs(current))) break;
  }
  return { coefficients: theta.slice(0, p), intercept: theta[p] };
}

export function predictLogistic(model: LogisticModel, features: number[]): number {
  const z = model.intercept + features.reduce((s, v, j) => s + v * model.coefficients[j], 0);
  return 1 / (1 + Math.exp(-z));
}
