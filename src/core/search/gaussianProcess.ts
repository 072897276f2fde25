import type { Rng } from '../util/random';
import { backwardSolve, forwardSolve, gpAlgebra, type GpAlgebra } from './gpLinearAlgebra';
import { minimiseWithBounds } from './lbfgs';

// Gaussian-process regression with a Matern 5/2 ARD kernel plus white noise, on inputs in the
// unit cube and normalised targets, hyper-parameters by maximum marginal likelihood with
// restarts (as scikit-optimize's default GP: ConstantKernel * Matern(nu=2.5) + WhiteKernel,
// normalize_y, L-BFGS-B; the amplitude's bounds as scikit-learn's ConstantKernel in the suite's peer).

const SQRT5 = Math.sqrt(5);
const LOG_LENGTH_BOUNDS: [number, number] = [Math.log(0.01), Math.log(100)];
const LOG_AMPLITUDE_BOUNDS: [number, number] = [Math.log(0.01), Math.log(1000)];
const LOG_NOISE_BOUNDS: [number, number] = [Math.log(1e-6), Math.log(1)];
const JITTER = 1e-10;
/** Points whose covariances predict() holds at once. */
const PREDICT_CHUNK = 2048;

/** Per-dimension squared differences of the inputs, which the kernel rescales for each length. */
interface Inputs {
  n: number;
  d: number;
  x: Float64Array;
  /** squared[m][i * n + j] = (x_im - x_jm)^2 */
  squared: Float64Array[];
}

// theta: log length-scales (one per dimension), then log amplitude, then log noise variance.
interface Factorised {
  cholesky: Float64Array;
  alpha: Float64Array;
  /** The noise-free kernel matrix and scaled distances, reused by the gradient. */
  kernel: Float64Array;
  distance: Float64Array;
  logLikelihood: number;
}

function prepareInputs(points: number[][]): Inputs {
  const n = points.length;
  const d = points[0].length;
  const x = new Float64Array(n * d);
  points.forEach((p, i) => x.set(p, i * d));
  const squared = Array.from({ length: d }, (_, m) => {
    const s = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const diff = x[i * d + m] - x[j * d + m];
        s[i * n + j] = s[j * n + i] = diff * diff;
      }
    }
    return s;
  });
  return { n, d, x, squared };
}

function factorise(inputs: Inputs, y: Float64Array, theta: Float64Array, algebra: GpAlgebra): Factorised | undefined {
  const { n, d, squared } = inputs;
  const amplitude = Math.exp(theta[d]);
  const noise = Math.exp(theta[d + 1]);
  const inverseSquaredLengths = Array.from({ length: d }, (_, m) => Math.exp(-2 * theta[m]));
  const kernel = new Float64Array(n * n);
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    kernel[i * n + i] = amplitude;
    for (let j = 0; j < i; j++) {
      let r2 = 0;
      for (let m = 0; m < d; m++) r2 += squared[m][i * n + j] * inverseSquaredLengths[m];
      const r = Math.sqrt(r2);
      const k = amplitude * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
      kernel[i * n + j] = kernel[j * n + i] = k;
      distance[i * n + j] = distance[j * n + i] = r;
    }
  }
  const cholesky = Float64Array.from(kernel);
  for (let i = 0; i < n; i++) cholesky[i * n + i] += noise + JITTER;
  if (!algebra.cholesky(cholesky, n)) return undefined;
  const alpha = Float64Array.from(y);
  forwardSolve(cholesky, n, alpha);
  let fit = 0;
  for (let i = 0; i < n; i++) fit += alpha[i] * alpha[i];
  backwardSolve(cholesky, n, alpha);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(cholesky[i * n + i]);
  return { cholesky, alpha, kernel, distance, logLikelihood: -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI) };
}

/** Gradient of the log marginal likelihood with respect to theta. */
function gradient(inputs: Inputs, theta: Float64Array, f: Factorised, algebra: GpAlgebra): Float64Array {
  const { n, d, squared } = inputs;
  const amplitude = Math.exp(theta[d]);
  const noise = Math.exp(theta[d + 1]);
  const inverseSquaredLengths = Array.from({ length: d }, (_, m) => Math.exp(-2 * theta[m]));
  const inverse = new Float64Array(n * n);
  algebra.inverseFromCholesky(f.cholesky, n, inverse);

  const g = new Float64Array(d + 2);
  for (let i = 0; i < n; i++) {
    const wii = f.alpha[i] * f.alpha[i] - inverse[i * n + i];
    g[d] += 0.5 * wii * amplitude;
    g[d + 1] += 0.5 * wii * noise;
    for (let j = 0; j < i; j++) {
      // Both (i, j) and (j, i): the factor 0.5 cancels.
      const w = f.alpha[i] * f.alpha[j] - inverse[i * n + j];
      g[d] += w * f.kernel[i * n + j];
      const r = f.distance[i * n + j];
      // amplitude * exp(-sqrt5 r) recovered from the kernel value, saving an exp per pair.
      const common = (w * (5 / 3) * (1 + SQRT5 * r) * f.kernel[i * n + j]) / (1 + SQRT5 * r + (5 / 3) * r * r);
      for (let m = 0; m < d; m++) g[m] += common * squared[m][i * n + j] * inverseSquaredLengths[m];
    }
  }
  return g;
}

/** Log marginal likelihood and its gradient at theta (log lengths, log amplitude, log noise). */
export function marginalLikelihood(points: number[][], y: number[], theta: number[], algebra: GpAlgebra = gpAlgebra()): { value: number; gradient: number[] } | undefined {
  const inputs = prepareInputs(points);
  const t = Float64Array.from(theta);
  const f = factorise(inputs, Float64Array.from(y), t, algebra);
  return f ? { value: f.logLikelihood, gradient: Array.from(gradient(inputs, t, f, algebra)) } : undefined;
}

export interface GpOptions {
  restarts?: number;
  maxIterations?: number;
  /** The previous fit's hyper-parameters: a start close to the new optimum (warm start). */
  warmStart?: Float64Array;
  /** The dense algebra (default: LAPACK through the addon where built, else JavaScript). */
  algebra?: GpAlgebra;
}

/** A fitted GP: predicts the objective's mean and standard deviation in original units. */
export class GaussianProcess {
  private constructor(
    private readonly inputs: Inputs,
    private readonly theta: Float64Array,
    private readonly f: Factorised,
    private readonly yMean: number,
    private readonly yScale: number,
    private readonly algebra: GpAlgebra,
  ) {}

  /** Fits to points in [0, 1]^d and their values (normalised inside). */
  static fit(points: number[][], values: number[], rng: Rng, options: GpOptions = {}): GaussianProcess {
    if (points.length === 0) throw new RangeError('a GP needs at least one observation');
    const inputs = prepareInputs(points);
    const { n, d } = inputs;
    const algebra = options.algebra ?? gpAlgebra();
    const yMean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, b) => a + (b - yMean) ** 2, 0) / n;
    const yScale = variance > 0 ? Math.sqrt(variance) : 1;
    const y = Float64Array.from(values, (v) => (v - yMean) / yScale);
    const bounds: [number, number][] = [...Array(d).fill(LOG_LENGTH_BOUNDS), LOG_AMPLITUDE_BOUNDS, LOG_NOISE_BOUNDS];
    const objective = (theta: Float64Array) => {
      const f = factorise(inputs, y, theta, algebra);
      if (!f) return undefined;
      const g = gradient(inputs, theta, f, algebra);
      return { value: -f.logLikelihood, gradient: g.map((v) => -v) };
    };
    const starts: Float64Array[] = [options.warmStart?.length === d + 2 ? options.warmStart : Float64Array.from([...new Array(d).fill(0), 0, Math.log(1e-2)])];
    for (let r = 0; r < (options.restarts ?? 2); r++) {
      starts.push(Float64Array.from(bounds.map(([low, high]) => low + rng() * (high - low))));
    }
    let best: { theta: Float64Array; value: number } | undefined;
    for (const start of starts) {
      const result = minimiseWithBounds(objective, start, bounds, options.maxIterations ?? 50);
      if (result && (!best || result.value < best.value)) best = result;
    }
    let theta = best?.theta ?? starts[0];
    let f = factorise(inputs, y, theta, algebra);
    while (!f) {
      theta = Float64Array.from(theta);
      theta[d + 1] += 1;
      f = factorise(inputs, y, theta, algebra);
    }
    return new GaussianProcess(inputs, theta, f, yMean, yScale, algebra);
  }

  get logMarginalLikelihood(): number {
    return this.f.logLikelihood;
  }

  /** The fitted hyper-parameters (log lengths, log amplitude, log noise), for a warm start. */
  get hyperParameters(): Float64Array {
    return Float64Array.from(this.theta);
  }

  get lengthScales(): number[] {
    return Array.from(this.theta.subarray(0, this.inputs.d), Math.exp);
  }

  /**
   * Posterior mean and standard deviation at each point: of the noise-free latent function, or
   * with `observation` of a new observation there (the latent variance plus the fitted noise, as
   * scikit-learn's GaussianProcessRegressor predicts with a WhiteKernel).
   */
  predict(points: number[][], { observation = false }: { observation?: boolean } = {}): { mean: number[]; std: number[] } {
    const { n, d, x } = this.inputs;
    const amplitude = Math.exp(this.theta[d]);
    const noise = observation ? Math.exp(this.theta[d + 1]) : 0;
    const inverseLengths = Array.from({ length: d }, (_, m) => Math.exp(-this.theta[m]));
    const scaled = x.map((v, index) => v * inverseLengths[index % d]);
    const mean = new Array<number>(points.length);
    const std = new Array<number>(points.length);
    // Covariances with the observations, a chunk of points at a time (one row each), then
    // L v = k for every row at once: the variance is the amplitude less |v|^2.
    const covariances = new Float64Array(Math.min(PREDICT_CHUNK, points.length) * n);
    const p = new Float64Array(d);
    for (let first = 0; first < points.length; first += PREDICT_CHUNK) {
      const count = Math.min(PREDICT_CHUNK, points.length - first);
      for (let q = 0; q < count; q++) {
        const point = points[first + q];
        for (let m = 0; m < d; m++) p[m] = point[m] * inverseLengths[m];
        let mu = 0;
        for (let i = 0; i < n; i++) {
          let r2 = 0;
          for (let m = 0; m < d; m++) {
            const diff = scaled[i * d + m] - p[m];
            r2 += diff * diff;
          }
          const r = Math.sqrt(r2);
          const value = amplitude * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
          mu += value * this.f.alpha[i];
          covariances[q * n + i] = value;
        }
        mean[first + q] = mu * this.yScale + this.yMean;
      }
      this.algebra.solveLowerRows(this.f.cholesky, n, covariances, count);
      for (let q = 0; q < count; q++) {
        let reduction = 0;
        for (let i = 0; i < n; i++) reduction += covariances[q * n + i] ** 2;
        std[first + q] = Math.sqrt(Math.max(amplitude - reduction, 1e-12) + noise) * this.yScale;
      }
    }
    return { mean, std };
  }
}
