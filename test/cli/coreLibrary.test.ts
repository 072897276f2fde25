// dist/core.js is CommonJS and loads with require in plain Node, without VS Code.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/paths';
import { minOf } from '../../src/core/util/arrays';

describe('dist/core.js', () => {
  it('loads with require and exports rocCurve, rocAuc and ksTwoSample on arrays and typed arrays', () => {
    const core = require(path.join(REPO, 'dist', 'core.js'));
    const labels = [1, 0, 1, 0, 1, 0];
    const scores = new Float32Array([0.9, 0.1, 0.8, 0.3, 0.2, 0.4]);
    const curve = core.rocCurve(labels, scores);
    assert.deepEqual(Object.keys(curve).sort(), ['fpr', 'thresholds', 'tpr']);
    assert.equal(core.rocAuc(Int32Array.from(labels), scores), 7 / 9);
    assert.equal(core.rocAuc(labels, scores, [1, 1, 1, 1, 0, 1]), 1);
    const ks = core.ksTwoSample([1, 2, 3, 4], new Float64Array([5, 6, 7, 8]));
    assert.equal(ks.statistic, 1);
    assert.ok(Math.abs(ks.pValue - 2 / 70) < 1e-12);
  });

  it('exports gpMinimize and randomSearch with the skopt result shape', async () => {
    const core = require(path.join(REPO, 'dist', 'core.js'));
    const dims = [{ type: 'real', low: -2, high: 2 }, { type: 'categorical', categories: ['a', 'b'] }];
    const f = (p: [number, string]) => p[0] ** 2 + (p[1] === 'b' ? 0 : 1);
    for (const result of [await core.gpMinimize(f, dims, { nCalls: 8, nInitialPoints: 4, randomState: 0, nCandidates: 500 }), await core.randomSearch(f, dims, { nCalls: 8, randomState: 0 })]) {
      assert.deepEqual(Object.keys(result).sort(), ['fun', 'funcVals', 'x', 'xIters']);
      assert.equal(result.xIters.length, 8);
      assert.equal(result.fun, minOf(result.funcVals));
    }
  });

  it('exports isotonicRegression and plattScaling', () => {
    const core = require(path.join(REPO, 'dist', 'core.js'));
    assert.deepEqual(core.isotonicRegression([3, 1, 2], [1, 3, 2]), [2, 2, 2]);
    const { a, b } = core.plattScaling([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);
    assert.ok(a < 0 && Number.isFinite(b), 'higher scores mean higher probability');
  });
});
