// Calibration against scikit-learn: isotonic fitted values to 1e-9, Platt parameters to 1e-4.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brierScore, isotonicRegression, plattScaling } from '../../../src/core/metrics/calibration';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';
import { gaussian } from '../../helpers/synthetic';

function sample(n: number, seed: number, ties: boolean, zeroWeights: boolean) {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => (ties ? Math.round(gaussian(rng) * 4) / 4 : gaussian(rng)));
  const y = x.map((v) => (rng() < 1 / (1 + Math.exp(-2 * v)) ? 1 : 0) + 0.1 * gaussian(rng));
  const w = x.map(() => (zeroWeights && rng() < 0.1 ? 0 : 0.2 + rng()));
  return { x, y, w };
}

describe('isotonic regression matches scikit-learn', () => {
  for (const [n, seed, ties, zero] of [[30, 1, false, false], [500, 2, true, false], [800, 3, true, true]] as const) {
    it(`n=${n}${ties ? ', ties' : ''}${zero ? ', zero weights' : ''}`, (t) => {
      if (!needOracle(t)) return;
      const { x, y, w } = sample(n, seed, ties, zero);
      const expected = python<{ plain: number[]; weighted: number[] }>(
        `from sklearn.isotonic import IsotonicRegression
x, y, w = np.array(data['x']), np.array(data['y']), np.array(data['w'])
plain = IsotonicRegression(out_of_bounds='clip').fit(x, y).predict(x)
weighted = IsotonicRegression(out_of_bounds='clip').fit(x, y, sample_weight=w).predict(x)
print(json.dumps({'plain': plain.tolist(), 'weighted': weighted.tolist()}))`,
        { x, y, w },
      );
      const plain = isotonicRegression(x, y);
      const weighted = isotonicRegression(x, y, w);
      plain.forEach((v, i) => assert.ok(Math.abs(v - expected.plain[i]) <= 1e-9, `plain[${i}]: ${v} vs ${expected.plain[i]}`));
      weighted.forEach((v, i) => assert.ok(Math.abs(v - expected.weighted[i]) <= 1e-9, `weighted[${i}]: ${v} vs ${expected.weighted[i]}`));
    });
  }

  it('is non-decreasing in x', () => {
    const { x, y } = sample(200, 9, false, false);
    const fitted = isotonicRegression(x, y);
    const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
    for (let k = 1; k < order.length; k++) assert.ok(fitted[order[k]] >= fitted[order[k - 1]] - 1e-15);
  });
});

describe('Platt scaling matches scikit-learn', () => {
  for (const [n, seed, weighted] of [[200, 4, false], [3000, 5, true]] as const) {
    it(`n=${n}${weighted ? ', weighted' : ''}`, (t) => {
      if (!needOracle(t)) return;
      const rng = createRng(seed);
      const labels = Array.from({ length: n }, () => (rng() < 0.4 ? 1 : 0));
      const scores = labels.map((l) => 0.3 * gaussian(rng) + (l ? 0.6 : 0.3));
      const weights = weighted ? labels.map(() => 0.5 + rng()) : undefined;
      const expected = python<{ a: number; b: number }>(
        `from sklearn.calibration import _sigmoid_calibration
w = None if data['w'] is None else np.array(data['w'])
a, b = _sigmoid_calibration(np.array(data['s']), np.array(data['y']), w)
print(json.dumps({'a': float(a), 'b': float(b)}))`,
        { s: scores, y: labels, w: weights ?? null },
      );
      const fit = plattScaling(scores, labels, weights);
      assert.ok(Math.abs(fit.a - expected.a) < 1e-4, `a ${fit.a} vs ${expected.a}`);
      assert.ok(Math.abs(fit.b - expected.b) < 1e-4, `b ${fit.b} vs ${expected.b}`);
    });
  }

  it('lowers the Brier score of badly scaled scores', () => {
    const rng = createRng(6);
    const labels = Array.from({ length: 2000 }, () => (rng() < 0.5 ? 1 : 0));
    const scores = labels.map((l) => Math.min(1, Math.max(0, 0.5 + 0.05 * gaussian(rng) + (l ? 0.08 : -0.08))));
    const { a, b } = plattScaling(scores, labels);
    const calibrated = scores.map((s) => 1 / (1 + Math.exp(a * s + b)));
    assert.ok(brierScore(labels, calibrated) < brierScore(labels, scores));
  });
});
