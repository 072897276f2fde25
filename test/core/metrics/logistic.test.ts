import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitLogistic } from '../../../src/core/metrics/logistic';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';
import { gaussian } from '../../helpers/synthetic';

describe('logistic regression (stacking meta-model)', () => {
  it('equals scikit-learn LogisticRegression(C=1) coefficients', (t) => {
    if (!needOracle(t)) return;
    const rng = createRng(8);
    const labels = Array.from({ length: 600 }, () => (rng() < 0.4 ? 1 : 0));
    const features = labels.map((l) => [0.5 + 0.2 * gaussian(rng) + 0.2 * l, 0.4 + 0.3 * gaussian(rng) + 0.1 * l, rng()]);
    const expected = python<{ coef: number[]; intercept: number }>(
      `from sklearn.linear_model import LogisticRegression
m = LogisticRegression(solver='newton-cg', tol=1e-12, max_iter=10000).fit(np.array(data['x']), np.array(data['y']))
print(json.dumps({'coef': m.coef_[0].tolist(), 'intercept': float(m.intercept_[0])}))`,
      { x: features, y: labels },
    );
    const model = fitLogistic(features, labels);
    model.coefficients.forEach((c, j) => assert.ok(Math.abs(c - expected.coef[j]) < 1e-4, `coef[${j}] ${c} vs ${expected.coef[j]}`));
    assert.ok(Math.abs(model.intercept - expected.intercept) < 1e-4, `intercept ${model.intercept} vs ${expected.intercept}`);
  });
});
