import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitScaler, toScaledMatrix } from '../../../src/core/dataset/scaler';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';
import { gaussian } from '../../helpers/synthetic';

describe('scalers match scikit-learn', () => {
  it('standard, robust and minmax transform as StandardScaler, RobustScaler and MinMaxScaler', (t) => {
    if (!needOracle(t)) return;
    const rng = createRng(3);
    const columns = [Float32Array.from({ length: 501 }, () => gaussian(rng) * 3 + 1), Float32Array.from({ length: 501 }, () => Math.exp(gaussian(rng))), new Float32Array(501).fill(2)];
    const rows = Array.from({ length: 501 }, (_, i) => columns.map((c) => c[i]));
    const expected = python<Record<string, number[][]>>(
      `from sklearn.preprocessing import StandardScaler, RobustScaler, MinMaxScaler
X = np.array(data, dtype=np.float64)
print(json.dumps({k: s.fit_transform(X).tolist() for k, s in [('standard', StandardScaler()), ('robust', RobustScaler()), ('minmax', MinMaxScaler())]}))`,
      rows,
    );
    for (const kind of ['standard', 'robust', 'minmax'] as const) {
      const matrix = toScaledMatrix(fitScaler(kind, columns.length, (f) => Float32Array.from(columns[f])), columns);
      expected[kind].forEach((row, i) => row.forEach((v, f) => assert.ok(Math.abs(matrix[i * 3 + f] - v) < 1e-5, `${kind}[${i}][${f}]: ${matrix[i * 3 + f]} vs ${v}`)));
    }
  });
});
