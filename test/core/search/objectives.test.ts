// Two-objective searches: the Pareto front and hypervolume against Optuna's, the one-standard-
// error choice, and ParEGO's proposals against random search.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BayesianSampler } from '../../../src/core/search/bayesianSampler';
import { hypervolume2d, oneStandardErrorChoice, paretoFront } from '../../../src/core/search/objectives';
import { RandomSampler } from '../../../src/core/search/randomSampler';
import type { Sampler } from '../../../src/core/search/sampler';
import { Space, type Point } from '../../../src/core/search/space';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';

describe('two objectives', () => {
  it('finds the same Pareto front and hypervolume as Optuna (best_trials, WFG)', (t) => {
    if (!needOracle(t, 'optuna, numpy', 'python3-optuna')) return;
    const rng = createRng('front');
    // Ties and duplicates included: a duplicate of a front point is on the front too (Optuna's rule).
    const vectors = Array.from({ length: 60 }, () => [Math.round(rng() * 20) / 20, Math.round(rng() * 20) / 20]);
    vectors.push([...vectors[0]]);
    const theirs = python<{ front: number[]; volume: number }>(
      `import optuna
from optuna._hypervolume import WFG
import numpy as np
optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(directions=['minimize', 'minimize'])
for v in data['vectors']:
    study.add_trial(optuna.trial.create_trial(values=v, params={}, distributions={}))
front = sorted(t.number for t in study.best_trials)
points = np.array([data['vectors'][i] for i in front])
print(json.dumps({'front': front, 'volume': float(WFG().compute(points, np.array([1.1, 1.1])))}))`,
      { vectors },
    );
    assert.deepEqual(paretoFront(vectors), theirs.front);
    assert.ok(Math.abs(hypervolume2d(vectors, [1.1, 1.1]) - theirs.volume) < 1e-12, `${hypervolume2d(vectors, [1.1, 1.1])} vs ${theirs.volume}`);
  });

  it('refits by the one-standard-error rule: the best second objective within one std of the best first', () => {
    const front = [
      { trial: 0, minimised: [-0.76, 90000] as [number, number], std: 0.004 },
      { trial: 1, minimised: [-0.757, 20000] as [number, number], std: 0.005 },
      { trial: 2, minimised: [-0.75, 3000] as [number, number], std: 0.004 },
    ];
    assert.equal(oneStandardErrorChoice(front)!.trial, 1, '-0.757 is within 0.004 of -0.76; -0.75 is not');
    assert.equal(oneStandardErrorChoice([{ ...front[0], std: 0.02 }, front[1], front[2]])!.trial, 2);
    assert.equal(oneStandardErrorChoice([]), undefined);
  });

  it('ParEGO covers the front of a two-objective problem better than random search', () => {
    // ZDT1 in 3 dimensions (both minimised); its front is f2 = 1 - sqrt(f1) at x2 = x3 = 0.
    const space = new Space(Array.from({ length: 3 }, () => ({ type: 'real' as const, low: 0, high: 1 })));
    const zdt1 = (p: Point) => {
      const x = p as number[];
      const g = 1 + (9 * (x[1] + x[2])) / 2;
      return [x[0], g * (1 - Math.sqrt(x[0] / g))];
    };
    const volume = (sampler: Sampler) => {
      const vectors: number[][] = [];
      for (let call = 0; call < 30; call++) {
        const p = sampler.ask()!;
        const v = zdt1(p);
        vectors.push(v);
        sampler.tell(p, v[0], undefined, v);
      }
      return hypervolume2d(vectors, [1.1, 11]);
    };
    const seeds = [0, 1, 2, 3, 4];
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const parego = mean(seeds.map((s) => volume(new BayesianSampler(space, { randomState: s, nInitialPoints: 8, acqFunc: 'EI', nCandidates: 2000 }))));
    const random = mean(seeds.map((s) => volume(new RandomSampler(space, s))));
    assert.ok(parego > random + 1, `hypervolume after 30 calls: ParEGO ${parego.toFixed(3)}, random ${random.toFixed(3)}`);
  });
});
