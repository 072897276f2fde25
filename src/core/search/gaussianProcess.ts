import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Rng } from '../util/random';

// Gaussian-process regression with a Matern 5/2 ARD kernel plus white noise, on inputs in the
// unit cube and normalised targets, hyper-parameters by maximum marginal likelihood (as
// scikit-optimize's default GP: ConstantKernel * Matern(nu=2.5) + WhiteKernel, normalize_y).

const SQRT5 = Math.sqrt(5);
const LOG_LENGTH_BOUNDS: [number, number] = [Math.log(0.01), Math.log(100)];
const LOG_AMPLITUDE_BOUNDS: [number, number] = [Math.log(0.01), Math.log(100)];
const LOG_NOISE_BOUNDS: [number, number] = [Math.log(1e-6), Math.log(1)];
const JITTER = 1e-10;

/** log length-scales (one per dimension), log amplitude, log noise variance. */
interface Hyper {
  logLengths: number[];
  logAmplitude: number;
  logNoise: number;
}

function clamp(value: number, [low, high]: [number, number]): number {
  return Math.min(high, Math.max(low, value));
}

/** Matern 5/2 correlation at scaled distance r. */
function matern(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

function scaledDistance(a: number[], b: number[], inverseLengths: number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const d = (a[k] - b[k]) * inverseLengths[k];
    s += d * d;
  }
  return Math.sqrt(s);
}

interface Factorised {
  cholesky: CholeskyDecomposition;
  alpha: Matrix;
  logLikelihood: number;
}

function factorise(x: number[][], y: number[], hyper: Hyper): Factorised | undefined {
  const n = x.length;
  const amplitude = Math.exp(hyper.logAmplitude);
  const noise = Math.exp(hyper.logNoise);
  const inverseLengths = hyper.logLengths.map((l) => Math.exp(-l));
  const K = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = amplitude * matern(scaledDistance(x[i], x[j], inverseLengths)) + (i === j ? noise + JITTER : 0);
      K.set(i, j, value);
      K.set(j, i, value);
    }
  }
  const cholesky = new CholeskyDecomposition(K);
  if (!cholesky.isPositiveDefinite()) return undefined;
  const alpha = cholesky.solve(Matrix.columnVector(y));
  const L = cholesky.lowerTriangularMatrix;
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(L.get(i, i));
  let fit = 0;
  for (let i = 0; i < n; i++) fit += y[i] * alpha.get(i, 0);
  return { cholesky, alpha, logLikelihood: -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI) };
}

/** Gradient of the log marginal likelihood with respect to the log hyper-parameters. */
function gradient(x: number[][], hyper: Hyper, f: Factorised): { lengths: number[]; amplitude: number; noise: number } {
  const n = x.length;
  const d = hyper.logLengths.length;
  const amplitude = Math.exp(hyper.logAmplitude);
  const noise = Math.exp(hyper.logNoise);
  const lengths = hyper.logLengths.map((l) => Math.exp(l));
  const inverseLengths = lengths.map((l) => 1 / l);
  const Kinv = f.cholesky.solve(Matrix.eye(n, n));
  // W = alpha alpha^T - K^-1; dL/dtheta = 0.5 * sum(W .* dK/dtheta).
  const W = f.alpha.mmul(f.alpha.transpose()).sub(Kinv);
  const gLengths = new Array<number>(d).fill(0);
  let gAmplitude = 0;
  let gNoise = 0;
  for (let i = 0; i < n; i++) {
    gNoise += 0.5 * W.get(i, i) * noise;
    for (let j = 0; j < n; j++) {
      const r = scaledDistance(x[i], x[j], inverseLengths);
      const k = amplitude * matern(r);
      const w = W.get(i, j);
      gAmplitude += 0.5 * w * k;
      if (r === 0) continue;
      // d k / d log l_m = amplitude * (5/3) (1 + sqrt5 r) exp(-sqrt5 r) * ((x_m - x'_m)/l_m)^2
      const common = amplitude * (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
      for (let m = 0; m < d; m++) {
        const s = (x[i][m] - x[j][m]) * inverseLengths[m];
        gLengths[m] += 0.5 * w * common * s * s;
      }
    }
  }
  return { lengths: gLengths, amplitude: gAmplitude, noise: gNoise };
}

/** Maximises the log marginal likelihood from one start by Adam on the log parameters. */
function optimiseFrom(x: number[][], y: number[], start: Hyper, steps: number): { hyper: Hyper; logLikelihood: number } {
  const d = start.logLengths.length;
  let theta = [...start.logLengths, start.logAmplitude, start.logNoise];
  const bounds = [...Array(d).fill(LOG_LENGTH_BOUNDS), LOG_AMPLITUDE_BOUNDS, LOG_NOISE_BOUNDS] as [number, number][];
  const toHyper = (t: number[]): Hyper => ({ logLengths: t.slice(0, d), logAmplitude: t[d], logNoise: t[d + 1] });
  const m = new Array<number>(theta.length).fill(0);
  const v = new Array<number>(theta.length).fill(0);
  const rate = 0.1;
  let best = { hyper: toHyper(theta), logLikelihood: -Infinity };
  for (let step = 1; step <= steps; step++) {
    const hyper = toHyper(theta);
    const f = factorise(x, y, hyper);
    if (!f) {
      // Not positive definite: more noise is the way out.
      theta[d + 1] = clamp(theta[d + 1] + 1, LOG_NOISE_BOUNDS);
      continue;
    }
    if (f.logLikelihood > best.logLikelihood) best = { hyper, logLikelihood: f.logLikelihood };
    const g = gradient(x, hyper, f);
    const grad = [...g.lengths, g.amplitude, g.noise];
    theta = theta.map((value, i) => {
      m[i] = 0.9 * m[i] + 0.1 * grad[i];
      v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
      const mHat = m[i] / (1 - 0.9 ** step);
      const vHat = v[i] / (1 - 0.999 ** step);
      return clamp(value + (rate * mHat) / (Math.sqrt(vHat) + 1e-8), bounds[i]);
    });
  }
  return best;
}

export interface GpOptions {
  restarts?: number;
  steps?: number;
}

/** A fitted GP: predicts the objective's mean and standard deviation in original units. */
export class GaussianProcess {
  private constructor(
    private readonly x: number[][],
    private readonly hyper: Hyper,
    private readonly f: Factorised,
    private readonly yMean: number,
    private readonly yScale: number,
  ) {}

  /** Fits to points in [0, 1]^d and their values (normalised inside). */
  static fit(x: number[][], y: number[], rng: Rng, options: GpOptions = {}): GaussianProcess {
    if (x.length === 0) throw new RangeError('a GP needs at least one observation');
    const n = y.length;
    const yMean = y.reduce((a, b) => a + b, 0) / n;
    const variance = y.reduce((a, b) => a + (b - yMean) ** 2, 0) / n;
    const yScale = variance > 0 ? Math.sqrt(variance) : 1;
    const yn = y.map((v) => (v - yMean) / yScale);
    const d = x[0].length;
    const starts: Hyper[] = [{ logLengths: new Array(d).fill(0), logAmplitude: 0, logNoise: Math.log(1e-2) }];
    for (let r = 0; r < (options.restarts ?? 2); r++) {
      starts.push({
        logLengths: Array.from({ length: d }, () => Math.log(0.05) + rng() * (Math.log(5) - Math.log(0.05))),
        logAmplitude: Math.log(0.3) + rng() * (Math.log(3) - Math.log(0.3)),
        logNoise: Math.log(1e-5) + rng() * (Math.log(1e-1) - Math.log(1e-5)),
      });
    }
    let best: { hyper: Hyper; logLikelihood: number } | undefined;
    for (const start of starts) {
      const result = optimiseFrom(x, yn, start, options.steps ?? 60);
      if (!best || result.logLikelihood > best.logLikelihood) best = result;
    }
    let hyper = best!.hyper;
    let f = factorise(x, yn, hyper);
    while (!f) {
      hyper = { ...hyper, logNoise: hyper.logNoise + 1 };
      f = factorise(x, yn, hyper);
    }
    return new GaussianProcess(x, hyper, f, yMean, yScale);
  }

  get logMarginalLikelihood(): number {
    return this.f.logLikelihood;
  }

  get lengthScales(): number[] {
    return this.hyper.logLengths.map(Math.exp);
  }

  /** Posterior mean and standard deviation (noise-free latent function) at each point. */
  predict(points: number[][]): { mean: number[]; std: number[] } {
    const n = this.x.length;
    const m = points.length;
    const amplitude = Math.exp(this.hyper.logAmplitude);
    const inverseLengths = this.hyper.logLengths.map((l) => Math.exp(-l));
    const Ks = new Matrix(n, m);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) Ks.set(i, j, amplitude * matern(scaledDistance(this.x[i], points[j], inverseLengths)));
    }
    const mean = new Array<number>(m);
    const std = new Array<number>(m);
    // v = L^-1 Ks, so that var = k** - sum(v^2) per column.
    const L = this.f.cholesky.lowerTriangularMatrix;
    const V = forwardSubstitute(L, Ks);
    for (let j = 0; j < m; j++) {
      let mu = 0;
      let reduction = 0;
      for (let i = 0; i < n; i++) {
        mu += Ks.get(i, j) * this.f.alpha.get(i, 0);
        reduction += V.get(i, j) ** 2;
      }
      mean[j] = mu * this.yScale + this.yMean;
      std[j] = Math.sqrt(Math.max(amplitude - reduction, 1e-12)) * this.yScale;
    }
    return { mean, std };
  }
}

/** Solves L X = B for lower-triangular L, column by column. */
function forwardSubstitute(L: Matrix, B: Matrix): Matrix {
  const n = L.rows;
  const X = new Matrix(n, B.columns);
  for (let c = 0; c < B.columns; c++) {
    for (let i = 0; i < n; i++) {
      let s = B.get(i, c);
      for (let k = 0; k < i; k++) s -= L.get(i, k) * X.get(k, c);
      X.set(i, c, s / L.get(i, i));
    }
  }
  return X;
}
