// Output warping for the GP's targets: standardise, then a Yeo-Johnson power transform with its
// lambda by maximum likelihood (scikit-learn's PowerTransformer; HEBO warps its targets
// similarly). Objectives whose values span decades (valleys, penalties) become closer to Gaussian, so
// one bad trial no longer flattens the model around the good ones. The map is monotone, so the
// minimiser and EI's incumbent are unchanged in rank.

import { meanOf, stdOf } from '../util/arrays';

const LAMBDA_LOW = -3;
const LAMBDA_HIGH = 3;

/** Yeo-Johnson transform of one value. */
export function yeoJohnson(y: number, lambda: number): number {
  if (y >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(y) : ((y + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-y) : -((1 - y) ** (2 - lambda) - 1) / (2 - lambda);
}

/** Profile log-likelihood of lambda (scikit-learn's _yeo_johnson_log_likelihood). */
function logLikelihood(values: number[], lambda: number): number {
  const spread = stdOf(values.map((y) => yeoJohnson(y, lambda)));
  if (!(spread > 0)) return -Infinity;
  const jacobian = values.reduce((a, y) => a + Math.sign(y) * Math.log1p(Math.abs(y)), 0);
  return -values.length * Math.log(spread) + (lambda - 1) * jacobian;
}

/** The maximum-likelihood lambda: a grid, then golden-section search around its best. */
export function fitLambda(values: number[]): number {
  const steps = 60;
  const grid = Array.from({ length: steps + 1 }, (_, i) => LAMBDA_LOW + ((LAMBDA_HIGH - LAMBDA_LOW) * i) / steps);
  const scores = grid.map((lambda) => logLikelihood(values, lambda));
  let at = 0;
  scores.forEach((score, i) => {
    if (score > scores[at]) at = i;
  });
  let low = grid[Math.max(0, at - 1)];
  let high = grid[Math.min(steps, at + 1)];
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (logLikelihood(values, a) >= logLikelihood(values, b)) high = b;
    else low = a;
  }
  return (low + high) / 2;
}

export interface Warped {
  values: number[];
  /** The same warp of any value (for EI's xi, an improvement in the values' own units). */
  map: (value: number) => number;
}

/** The values standardised and power-transformed for the GP (unchanged if they are constant). */
export function warpOutputs(values: number[]): Warped {
  const mean = meanOf(values);
  const std = stdOf(values);
  if (!(std > 0)) return { values: values.slice(), map: (v) => v };
  const standardised = values.map((v) => (v - mean) / std);
  const lambda = fitLambda(standardised);
  return { values: standardised.map((v) => yeoJohnson(v, lambda)), map: (v) => yeoJohnson((v - mean) / std, lambda) };
}
