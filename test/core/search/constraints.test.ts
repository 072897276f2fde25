// A search's constraints: what a trial measured, infeasible trials never ranked, and a Bayesian
// sampler that models the probability of keeping them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SearchEvent } from '../../../src/shared/search';
import type { FoldOutcome } from '../../../src/shared/workerProtocol';
import { BayesianSampler } from '../../../src/core/search/bayesianSampler';
import { constraintMargins, constraintValues, violations } from '../../../src/core/search/constraints';
import type { Sampler } from '../../../src/core/search/sampler';
import { Space, type Point } from '../../../src/core/search/space';
import { Study } from '../../../src/core/search/study';

const fold = (auc: number, ks: [number, number], seconds: number): FoldOutcome => ({
  scores: { auc, weighted_auc: auc, accuracy: 0, loss: 0 },
  epochs: 1,
  seconds,
  ks: { signal: ks[0], background: ks[1] },
  parameters: 1201,
});

describe('search constraints', () => {
  it('measures a trial: per class the median KS p-value over folds, then the smaller class; parameters; mean fold seconds', () => {
    const values = constraintValues([fold(0.8, [0.01, 0.3], 2), fold(0.8, [0.2, 0.04], 4), fold(0.8, [0.5, 0.6], 6)]);
    assert.deepEqual(values, { ksPValue: 0.2, parameters: 1201, fitSeconds: 4 });
    const limits = { ksPValueMin: 0.05, maxParameters: 1000, maxFitSeconds: 10 };
    const margins = constraintMargins(limits, values);
    assert.ok(margins[0] < 0 && margins[1] > 0 && margins[2] < 0, `margins ${margins}`);
    assert.ok(Math.abs(margins[1] - Math.log10(1.201)) < 1e-12, 'margins in decades');
    assert.deepEqual(violations(limits, values), ['1201 parameters > maxParameters 1000']);
    assert.deepEqual(violations({ ksPValueMin: 0.3 }, values), ['KS p-value 0.20 < ksPValueMin 0.3']);
    assert.deepEqual(constraintMargins({ ksPValueMin: 0.05 }, { ksPValue: 0 }), [3], 'a p-value of 0 is a finite margin, clipped at 3 decades');
    assert.deepEqual(violations({ ksPValueMin: 0.05 }, { ksPValue: 0 }), ['KS p-value 0.0 < ksPValueMin 0.05']);
  });

  it('never ranks a trial that broke a constraint; its record says why; a replay restores the same', () => {
    const told: (number[] | undefined)[] = [];
    const counting = (): Sampler => {
      let n = 0;
      return { ask: () => [n++], tell: (_p, _v, margins) => told.push(margins) };
    };
    const events: SearchEvent[] = [];
    const options = { scoring: 'auc', lowerBetter: false, constraints: { ksPValueMin: 0.05 } };
    const study = new Study(counting(), options, (e) => events.push(e));
    const run = (auc: number, ks: number) => {
      const trial = study.ask()!.trial;
      [0, 1].forEach((f) => study.foldDone(trial, f, fold(auc, [ks, 0.5], 1)));
      study.complete(trial);
    };
    run(0.9, 0.001); // the best score, but overtrained
    run(0.8, 0.4);
    run(0.85, 0.06);
    assert.deepEqual(study.ranked().map((t) => t.trial), [2, 1]);
    const records = study.records(['x']);
    assert.deepEqual(records[0].violations, ['KS p-value 0.0010 < ksPValueMin 0.05']);
    assert.deepEqual(records[1].violations, []);
    assert.ok(told.every((m) => m?.length === 1) && told[0]![0] > 0 && told[1]![0] < 0, 'the sampler is told each margin');
    const replayed = new Study(counting(), options, () => assert.fail('a replay journals nothing'));
    replayed.replay(events);
    assert.deepEqual(replayed.records(['x']), records);
  });

  it('a constrained Bayesian search finds the optimum on the rim of the feasible region', () => {
    // Maximise x + y inside the disc x^2 + y^2 <= 0.5: the optimum is on its rim at (0.5, 0.5), -1.
    const space = new Space([
      { type: 'real', low: 0, high: 1 },
      { type: 'real', low: 0, high: 1 },
    ]);
    const objective = (p: Point) => -((p[0] as number) + (p[1] as number));
    const margin = (p: Point) => Math.log10(((p[0] as number) ** 2 + (p[1] as number) ** 2) / 0.5);
    const bestFeasible = (constrained: boolean, seed: number) => {
      const sampler = new BayesianSampler(space, { randomState: seed, nInitialPoints: 5, acqFunc: 'EI', nCandidates: 2000 });
      let best = Infinity;
      for (let call = 0; call < 20; call++) {
        const p = sampler.ask();
        if (margin(p) <= 0) best = Math.min(best, objective(p));
        sampler.tell(p, objective(p), constrained ? [Math.max(-3, margin(p))] : undefined);
      }
      return best;
    };
    const seeds = [0, 1, 2, 3];
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const constrained = mean(seeds.map((s) => bestFeasible(true, s)));
    const plain = mean(seeds.map((s) => bestFeasible(false, s)));
    assert.ok(constrained < -0.97 && constrained < plain - 0.05, `mean best feasible: constrained ${constrained}, unconstrained ${plain} (optimum -1)`);
  });
});
