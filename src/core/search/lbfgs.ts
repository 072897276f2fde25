// Limited-memory BFGS with simple bounds (directions projected onto the box, steps clipped to
// it, Armijo backtracking), for the GP's marginal likelihood: a few dozen evaluations instead of
// the hundreds a first-order method needs.
import { maxOf } from '../util/arrays';

export type Evaluation = { value: number; gradient: Float64Array } | undefined;

const HISTORY = 10;
// scipy's L-BFGS-B defaults: pgtol 1e-5 on the projected gradient, factr 1e7 (x machine epsilon).
const PGTOL = 1e-5;
const FTOL = 1e7 * Number.EPSILON;
const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 25;

function clip(theta: Float64Array, bounds: [number, number][]): Float64Array {
  return theta.map((v, i) => Math.min(bounds[i][1], Math.max(bounds[i][0], v)));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Gradient with the components that point out of the box at an active bound set to zero. */
function projectedGradient(theta: Float64Array, g: Float64Array, bounds: [number, number][]): Float64Array {
  return g.map((v, i) => ((theta[i] <= bounds[i][0] && v > 0) || (theta[i] >= bounds[i][1] && v < 0) ? 0 : v));
}

/** Minimises `f` inside `bounds` from `start`; undefined when f cannot be evaluated there. */
export function minimiseWithBounds(f: (theta: Float64Array) => Evaluation, start: Float64Array, bounds: [number, number][], maxIterations: number): { theta: Float64Array; value: number } | undefined {
  let theta = clip(start, bounds);
  let current = f(theta);
  if (!current) return undefined;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const g = projectedGradient(theta, current.gradient, bounds);
    const gNorm = Math.sqrt(dot(g, g));
    if (maxOf(g.map(Math.abs)) <= PGTOL) break;
    // Two-loop recursion: direction = -H g.
    const q = Float64Array.from(g);
    const alphas: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const a = dot(s[k], q) / dot(y[k], s[k]);
      alphas.push(a);
      for (let i = 0; i < q.length; i++) q[i] -= a * y[k][i];
    }
    const gamma = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / gNorm;
    for (let i = 0; i < q.length; i++) q[i] *= gamma;
    for (let k = 0; k < s.length; k++) {
      const b = dot(y[k], q) / dot(y[k], s[k]);
      const a = alphas[s.length - 1 - k];
      for (let i = 0; i < q.length; i++) q[i] += s[k][i] * (a - b);
    }
    let direction = projectedGradient(theta, q.map((v) => -v), bounds).map((v, i) => (g[i] === 0 ? 0 : v));
    if (dot(direction, g) >= 0) {
      // Not a descent direction (curvature information went stale): fall back to steepest descent.
      direction = g.map((v) => -v / gNorm);
      s.length = 0;
      y.length = 0;
    }
    let step = 1;
    let accepted: { theta: Float64Array; evaluation: NonNullable<Evaluation> } | undefined;
    for (let b = 0; b < MAX_BACKTRACKS; b++) {
      const candidate = clip(theta.map((v, i) => v + step * direction[i]), bounds);
      const evaluation = f(candidate);
      const decrease = dot(g, candidate.map((v, i) => v - theta[i]));
      if (evaluation && evaluation.value <= current.value + ARMIJO * decrease) {
        accepted = { theta: candidate, evaluation };
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
    const sk = accepted.theta.map((v, i) => v - theta[i]);
    const yk = accepted.evaluation.gradient.map((v, i) => v - current!.gradient[i]);
    const improvement = current.value - accepted.evaluation.value;
    theta = accepted.theta;
    current = accepted.evaluation;
    if (dot(sk, yk) > 1e-10) {
      s.push(sk);
      y.push(yk);
      if (s.length > HISTORY) {
        s.shift();
        y.shift();
      }
    }
    if (improvement <= FTOL * Math.max(1, Math.abs(current.value))) break;
  }
  return { theta, value: current.value };
}
