// The GP's output warping: the Yeo-Johnson lambda and transform against scikit-learn's
// PowerTransformer, and its map of new values (EI's xi goes through it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitLambda, warpOutputs, yeoJohnson } from '../../../src/core/search/outputWarping';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';

/** Values of a valley-like objective: most near the floor, a few decades above it. */
function skewedValues(seed: string, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.exp(6 * rng()) + rng());
}

describe('output warping', () => {
  it('fits the same lambda and transform as scikit-learn PowerTransformer (yeo-johnson), lambda kept within [-3, 3]', (t) => {
    if (!needOracle(t)) return;
    // The third's maximum-likelihood lambda (3.25) lies beyond the bounds: it is clipped there.
    const samples = [skewedValues('a', 30), skewedValues('b', 60).map((v) => -v), Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3 + (i % 7))];
    for (const values of samples) {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      const standardised = values.map((v) => (v - mean) / std);
      const theirs = python<{ lambda: number; warped: number[] }>(
        `from sklearn.preprocessing import PowerTransformer
x = np.array(data['x']).reshape(-1, 1)
p = PowerTransformer(method='yeo-johnson', standardize=False).fit(x)
print(json.dumps({'lambda': float(p.lambdas_[0]), 'warped': p.transform(x).ravel().tolist()}))`,
        { x: standardised },
      );
      const lambda = fitLambda(standardised);
      if (theirs.lambda > 3) {
        assert.ok(Math.abs(lambda - 3) < 1e-6, `lambda ${lambda} not clipped at 3 (scikit-learn: ${theirs.lambda})`);
        continue;
      }
      assert.ok(Math.abs(lambda - theirs.lambda) < 1e-4, `lambda ${lambda} vs ${theirs.lambda}`);
      const warped = warpOutputs(values).values;
      warped.forEach((w, i) => assert.ok(Math.abs(w - theirs.warped[i]) < 1e-3 * Math.max(1, Math.abs(w)), `value ${i}: ${w} vs ${theirs.warped[i]}`));
    }
  });

  it('compresses a heavy upper tail and keeps the order of the values', () => {
    const values = skewedValues('tail', 40);
    const { values: warped } = warpOutputs(values);
    const skew = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
      return v.reduce((a, b) => a + ((b - m) / s) ** 3, 0) / v.length;
    };
    assert.ok(skew(values) > 1 && Math.abs(skew(warped)) < 0.5, `skew ${skew(values)} -> ${skew(warped)}`);
    const order = (v: number[]) => v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    assert.deepEqual(order(warped), order(values));
  });

  it('maps any value as it warped the told ones, increasing everywhere', () => {
    const values = skewedValues('map', 25);
    const warp = warpOutputs(values);
    values.forEach((v, i) => assert.ok(Math.abs(warp.map(v) - warp.values[i]) < 1e-12));
    for (let v = -50; v < 500; v += 0.5) assert.ok(warp.map(v + 0.5) > warp.map(v), `not increasing at ${v}`);
  });

  it('is the identity for lambda 1 and a logarithm for lambda 0', () => {
    for (const y of [-3, -0.5, 0, 0.7, 12]) assert.ok(Math.abs(yeoJohnson(y, 1) - y) < 1e-12);
    assert.ok(Math.abs(yeoJohnson(4, 0) - Math.log(5)) < 1e-12);
  });
});
