// One behavioural suite run over every sampler (Optuna's tests/samplers_tests shape).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BayesianSampler } from '../../../src/core/search/bayesianSampler';
import { GridSampler } from '../../../src/core/search/gridSampler';
import { RandomSampler } from '../../../src/core/search/randomSampler';
import type { Sampler } from '../../../src/core/search/sampler';
import { Space, type Dimension, type Point } from '../../../src/core/search/space';

const DIMENSIONS: Dimension[] = [
  { type: 'real', low: 1e-4, high: 1e-1, prior: 'log-uniform' },
  { type: 'integer', low: 1, high: 3 },
  { type: 'integer', low: 150, high: 300 },
  { type: 'categorical', categories: ['relu', 'elu', 'tanh'] },
];
const space = new Space(DIMENSIONS);

const SAMPLERS: Record<string, (seed: number) => Sampler> = {
  random: (seed) => new RandomSampler(space, seed),
  'bayesian EI (lhs)': (seed) => new BayesianSampler(space, { randomState: seed, nInitialPoints: 4, acqFunc: 'EI', initialPointGenerator: 'lhs', nCandidates: 500 }),
  'bayesian gp_hedge (sobol)': (seed) => new BayesianSampler(space, { randomState: seed, nInitialPoints: 4, initialPointGenerator: 'sobol', nCandidates: 500 }),
  grid: (seed) => new GridSampler([[1e-3, 1e-2], [1, 2, 3], [150, 300], ['relu', 'tanh']], { shuffle: true, seed }),
};

/** A smooth objective of the mixed point. */
function objective(p: Point): number {
  return (Math.log10(p[0] as number) + 2.5) ** 2 + ((p[1] as number) - 2) ** 2 + ((p[2] as number) - 220) ** 2 / 1e4 + (p[3] === 'elu' ? 0 : 0.5);
}

function runSampler(sampler: Sampler, calls: number): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < calls; i++) {
    const p = sampler.ask();
    if (!p) break;
    sampler.tell(p, objective(p));
    points.push(p);
  }
  return points;
}

for (const [name, make] of Object.entries(SAMPLERS)) {
  describe(`sampler: ${name}`, () => {
    it('proposes points inside the bounds, with integers and known categories', () => {
      for (const point of runSampler(make(1), 10)) assert.ok(space.contains(point), `out of space: ${JSON.stringify(point)}`);
    });

    it('is deterministic under a seed', () => {
      assert.deepEqual(runSampler(make(7), 8), runSampler(make(7), 8));
    });

    it('proposes distinct points to parallel workers (asks before tells)', () => {
      const sampler = make(3);
      runSampler(sampler, 6);
      const batch = [sampler.ask(), sampler.ask(), sampler.ask()].filter((p): p is Point => p !== undefined);
      const keys = batch.map((p) => JSON.stringify(p));
      assert.equal(new Set(keys).size, keys.length, `duplicates in ${keys.join(' ')}`);
    });
  });
}

describe('grid sampler', () => {
  it('yields every combination once, then nothing', () => {
    const grid = new GridSampler([[32, 64, 128, 256, 512], [0.001, 0.002, 0.003, 0.002]]);
    assert.equal(grid.size, 15);
    const points = runSampler(grid, 100);
    assert.equal(points.length, 15);
    assert.equal(new Set(points.map((p) => JSON.stringify(p))).size, 15);
    assert.equal(grid.ask(), undefined);
  });
});

describe('space', () => {
  it('round-trips points through the unit cube and rejects bad dimensions', () => {
    const point: Point = [0.01, 2, 222, 'tanh'];
    const back = space.inverse(space.transform(point));
    assert.ok(Math.abs((back[0] as number) - 0.01) < 1e-15, 'log-uniform real round-trips to rounding');
    assert.deepEqual(back.slice(1), point.slice(1));
    assert.throws(() => new Space([{ type: 'real', low: 1, high: 1 }]), /low < high/);
    assert.throws(() => new Space([{ type: 'real', low: 0, high: 1, prior: 'log-uniform' }]), /low > 0/);
  });
});
