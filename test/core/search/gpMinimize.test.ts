import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaussianProcess, marginalLikelihood } from '../../../src/core/search/gaussianProcess';
import { gpMinimize, randomSearch } from '../../../src/core/search/minimize';
import { sobolPoints } from '../../../src/core/search/sobol';
import type { Dimension, Point } from '../../../src/core/search/space';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';
import { maxOf, minOf } from '../../../src/core/util/arrays';

function branin(p: Point): number {
  const [x, y] = p as number[];
  const b = 5.1 / (4 * Math.PI ** 2);
  return (y - b * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
}
const BRANIN: Dimension[] = [{ type: 'real', low: -5, high: 10 }, { type: 'real', low: 0, high: 15 }];
const BRANIN_MIN = 0.397887;

describe('gaussian process', () => {
  it('interpolates noise-free observations and is uncertain far from them', () => {
    const rng = createRng(1);
    const x = Array.from({ length: 15 }, () => [rng(), rng()]);
    const f = (p: number[]) => Math.sin(5 * p[0]) + p[1] ** 2;
    const gp = GaussianProcess.fit(x, x.map(f), createRng(2));
    const { mean, std } = gp.predict(x);
    mean.forEach((m, i) => assert.ok(Math.abs(m - f(x[i])) < 0.05, `mean ${m} vs ${f(x[i])}`));
    const far = gp.predict([[3, 3]]);
    assert.ok(far.std[0] > 5 * maxOf(std), 'far from the data the GP is unsure');
  });
});

describe('gaussian process predictions', () => {
  it("equal scikit-learn's GaussianProcessRegressor with the same kernel (latent and observation std), for a count of points that is no multiple of four", (t) => {
    if (!needOracle(t)) return;
    const rng = createRng(7);
    const x = Array.from({ length: 37 }, () => [rng(), rng(), rng()]);
    // Noisy values, so that the fitted noise (and the observation std) is not negligible.
    const y = x.map((p) => Math.sin(4 * p[0]) + p[1] * p[2] + 0.2 * (rng() - 0.5));
    const gp = GaussianProcess.fit(x, y, createRng(8));
    const queries = Array.from({ length: 11 }, () => [rng(), rng(), rng()]);
    const ours = gp.predict(queries);
    const observed = gp.predict(queries, { observation: true });
    const theta = Array.from(gp.hyperParameters);
    const oracle = python<{ mean: number[]; std: number[]; yScale: number }>(
      `from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel
theta = np.array(data['theta']); d = len(data['x'][0])
kernel = ConstantKernel(np.exp(theta[d]), 'fixed') * Matern(np.exp(theta[:d]), 'fixed', nu=2.5) + WhiteKernel(np.exp(theta[d + 1]), 'fixed')
gp = GaussianProcessRegressor(kernel, alpha=1e-10, optimizer=None, normalize_y=True).fit(np.array(data['x']), np.array(data['y']))
mean, std = gp.predict(np.array(data['queries']), return_std=True)
print(json.dumps({'mean': mean.tolist(), 'std': std.tolist(), 'yScale': float(np.std(data['y']))}))`,
      { x, y, queries, theta },
    );
    // scikit-learn's std includes the white noise: ours is the latent function's, or with
    // `observation` a new observation's.
    const noiseVariance = Math.exp(theta[theta.length - 1]) * oracle.yScale ** 2;
    assert.ok(noiseVariance > 1e-4, `the fitted noise variance ${noiseVariance} tells the two std apart`);
    queries.forEach((_, i) => {
      assert.ok(Math.abs(ours.mean[i] - oracle.mean[i]) < 1e-6 * (1 + Math.abs(oracle.mean[i])), `mean ${i}: ${ours.mean[i]} vs ${oracle.mean[i]}`);
      const latent = Math.sqrt(Math.max(oracle.std[i] ** 2 - noiseVariance, 0));
      assert.ok(Math.abs(ours.std[i] - latent) < 1e-5 * (1 + latent), `std ${i}: ${ours.std[i]} vs ${latent}`);
      assert.ok(Math.abs(observed.std[i] - oracle.std[i]) < 1e-5 * (1 + oracle.std[i]), `observation std ${i}: ${observed.std[i]} vs ${oracle.std[i]}`);
    });
  });
});

describe('marginal likelihood gradient', () => {
  it('matches central finite differences', () => {
    const rng = createRng(4);
    const x = Array.from({ length: 12 }, () => [rng(), rng(), rng()]);
    const y = x.map((p) => Math.cos(3 * p[0]) + p[1] - p[2] ** 2);
    const theta = [Math.log(0.4), Math.log(0.9), Math.log(2), Math.log(1.3), Math.log(0.02)];
    const analytic = marginalLikelihood(x, y, theta)!.gradient;
    theta.forEach((_, k) => {
      const h = 1e-5;
      const up = [...theta];
      const down = [...theta];
      up[k] += h;
      down[k] -= h;
      const numeric = (marginalLikelihood(x, y, up)!.value - marginalLikelihood(x, y, down)!.value) / (2 * h);
      assert.ok(Math.abs(numeric - analytic[k]) < 1e-5 * Math.max(1, Math.abs(numeric)), `d/dtheta[${k}]: ${analytic[k]} vs ${numeric}`);
    });
  });
});

describe('sobol points', () => {
  it('put exactly one of the first 2^k points in each 1/2^k slice of every axis', () => {
    const points = sobolPoints(32, 6, createRng(3));
    for (let j = 0; j < 6; j++) {
      const slices = new Set(points.slice(0, 31).map((p) => Math.floor(p[j] * 32)));
      assert.ok(slices.size >= 31, `axis ${j}: ${slices.size} distinct slices`);
    }
  });
});

describe('gpMinimize', () => {
  it('returns the skopt result shape, honours nCalls and the random state', async () => {
    const a = await gpMinimize(branin, BRANIN, { nCalls: 12, nInitialPoints: 5, randomState: 0, acqFunc: 'EI', nCandidates: 2000 });
    const b = await gpMinimize(branin, BRANIN, { nCalls: 12, nInitialPoints: 5, randomState: 0, acqFunc: 'EI', nCandidates: 2000 });
    assert.equal(a.xIters.length, 12);
    assert.deepEqual(a.xIters, b.xIters);
    assert.equal(a.fun, minOf(a.funcVals));
    assert.deepEqual(a.x, a.xIters[a.funcVals.indexOf(a.fun)]);
  });

  it('beats random search on Branin (mean best of 3 seeds at 30 calls) and gets near its minimum', async () => {
    let gp = 0;
    let random = 0;
    for (const seed of [1, 2, 3]) {
      gp += (await gpMinimize(branin, BRANIN, { nCalls: 30, randomState: seed, acqFunc: 'EI', initialPointGenerator: 'sobol' })).fun / 3;
      random += (await randomSearch(branin, BRANIN, { nCalls: 30, randomState: seed })).fun / 3;
    }
    assert.ok(gp < random, `gp ${gp} vs random ${random}`);
    assert.ok(gp < BRANIN_MIN + 0.1, `gp mean best ${gp}`);
  });

  it('proposes as the plain GP until 10 values are told: warping, local candidates and the observation noise in EI start there', async () => {
    const plain = { outputWarping: false, localShare: 0, observationNoise: false };
    const options = { nCalls: 10, nInitialPoints: 4, randomState: 3, acqFunc: 'EI' as const, nCandidates: 2000 };
    assert.deepEqual((await gpMinimize(branin, BRANIN, options)).xIters, (await gpMinimize(branin, BRANIN, { ...options, ...plain })).xIters);
    const longer = { ...options, nCalls: 14 };
    assert.notDeepEqual((await gpMinimize(branin, BRANIN, longer)).xIters.slice(10), (await gpMinimize(branin, BRANIN, { ...longer, ...plain })).xIters.slice(10));
  });

  it('goes further down a narrow valley with warped values, local candidates and the observation noise (Rosenbrock 4, 30 calls, 4 seeds)', async () => {
    const dims: Dimension[] = Array.from({ length: 4 }, () => ({ type: 'real', low: -2, high: 2 }));
    const rosenbrock = (p: Point) => (p as number[]).slice(0, -1).reduce((s, v, i) => s + 100 * ((p as number[])[i + 1] - v * v) ** 2 + (1 - v) ** 2, 0);
    const meanBest = async (extra: object) => {
      let total = 0;
      for (const seed of [0, 1, 2, 3]) total += (await gpMinimize(rosenbrock, dims, { nCalls: 30, randomState: seed, acqFunc: 'EI', initialPointGenerator: 'sobol', nCandidates: 4000, ...extra })).fun / 4;
      return total;
    };
    const refined = await meanBest({});
    const plain = await meanBest({ outputWarping: false, localShare: 0, observationNoise: false });
    assert.ok(refined < 0.7 * plain, `mean best ${refined} with the refinements vs ${plain} without`);
  });

  it('accepts async objectives and never picks a NaN result as best', async () => {
    let calls = 0;
    const result = await gpMinimize(async (p) => (++calls % 3 === 0 ? NaN : branin(p)), BRANIN, { nCalls: 12, nInitialPoints: 4, randomState: 5, nCandidates: 1000 });
    assert.ok(Number.isFinite(result.fun));
    assert.equal(result.funcVals.filter(Number.isNaN).length, 4);
  });
});
