import { BayesianSampler, type BayesianOptions } from './bayesianSampler';
import { RandomSampler } from './randomSampler';
import type { Sampler } from './sampler';
import { Space, type Dimension, type Point } from './space';

export type Objective = (point: Point) => number | Promise<number>;

/** The shape of scikit-optimize's OptimizeResult that callers use. */
export interface MinimizeResult {
  x: Point;
  fun: number;
  xIters: Point[];
  funcVals: number[];
}

export interface MinimizeOptions extends BayesianOptions {
  nCalls?: number;
}

async function run(func: Objective, sampler: Sampler, nCalls: number): Promise<MinimizeResult> {
  const xIters: Point[] = [];
  const funcVals: number[] = [];
  for (let call = 0; call < nCalls; call++) {
    const point = sampler.ask();
    if (!point) break;
    const value = Number(await func(point));
    sampler.tell(point, value);
    xIters.push(point);
    funcVals.push(value);
  }
  // NaN or infinite results never become the best.
  let best = -1;
  funcVals.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < funcVals[best])) best = i;
  });
  if (best < 0) throw new Error('every evaluation returned a non-finite value');
  return { x: xIters[best], fun: funcVals[best], xIters, funcVals };
}

/** Bayesian optimisation with a Gaussian process, mirroring `skopt.gp_minimize`. */
export function gpMinimize(func: Objective, dimensions: Dimension[], options: MinimizeOptions = {}): Promise<MinimizeResult> {
  const space = new Space(dimensions);
  const nCalls = options.nCalls ?? 100;
  const nInitialPoints = Math.min(options.nInitialPoints ?? 10, nCalls);
  return run(func, new BayesianSampler(space, { ...options, nInitialPoints }), nCalls);
}

/** Random search with the same result shape. */
export function randomSearch(func: Objective, dimensions: Dimension[], options: { nCalls?: number; randomState?: number } = {}): Promise<MinimizeResult> {
  return run(func, new RandomSampler(new Space(dimensions), options.randomState ?? Math.random()), options.nCalls ?? 100);
}
