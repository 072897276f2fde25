import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { reliabilityCurve } from '../../src/core/runs/calibrate';
import type { CalibrationResult } from '../../src/shared/analysis';
import { createRng } from '../../src/core/util/random';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { tempDir } from '../helpers/paths';
import { gaussian } from '../helpers/synthetic';

describe('calibration', () => {
  it('reliability curve equals scikit-learn calibration_curve', (t) => {
    if (!needOracle(t)) return;
    const rng = createRng(3);
    const labels = Array.from({ length: 2000 }, () => (rng() < 0.3 ? 1 : 0));
    const probabilities = labels.map((l) => Math.min(1, Math.max(0, 0.35 + 0.2 * gaussian(rng) + 0.2 * l)));
    probabilities[0] = 0.1;
    probabilities[1] = 0.2;
    const expected = python<{ true: number[]; pred: number[] }>(
      `from sklearn.calibration import calibration_curve
t, p = calibration_curve(np.array(data['y']), np.array(data['p']), n_bins=10)
print(json.dumps({'true': t.tolist(), 'pred': p.tolist()}))`,
      { y: labels, p: probabilities },
    );
    const ours = reliabilityCurve(labels, probabilities, 10);
    assert.equal(ours.fractionPositive.length, expected.true.length);
    ours.fractionPositive.forEach((v, i) => assert.ok(Math.abs(v - expected.true[i]) < 1e-12));
    ours.meanPredicted.forEach((v, i) => assert.ok(Math.abs(v - expected.pred[i]) < 1e-12));
  });

  it('hepml calibrate lowers the Brier score of a class-balanced network on imbalanced data', () => {
    const dir = tempDir();
    const rng = createRng(5);
    const lines = ['x1,x2,label'];
    for (let i = 0; i < 1500; i++) {
      const signal = rng() < 0.2;
      lines.push(`${(gaussian(rng) + (signal ? 1 : 0)).toFixed(4)},${(gaussian(rng) - (signal ? 0.5 : 0)).toFixed(4)},${signal ? 's' : 'b'}`);
    }
    fs.writeFileSync(path.join(dir, 'events.csv'), lines.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'c.hepml.json'), JSON.stringify({
      data: { sources: [{ path: 'events.csv' }], features: ['x1', 'x2'], label: { column: 'label', map: { s: 'signal', b: 'background' } } },
      model: { hidden: { layers: 1, units: 8 } },
      training: { epochs: 5, learningRate: 0.02, batchSize: 64, classBalance: true, validationFraction: 0, earlyStopping: false },
    }));
    for (const method of ['sigmoid', 'isotonic']) {
      const result = hepml(['calibrate', 'c.hepml.json', '--method', method, '--cv', '3', '--jobs', '2', '--json'], { cwd: dir });
      assert.equal(result.status, 0, result.stderr);
      const calibration = JSON.parse(result.stdout.trim().split('\n').pop()!) as CalibrationResult & { runDir: string };
      assert.equal(calibration.method, method);
      assert.equal(calibration.testEvents, 300);
      assert.ok(calibration.brier.after < calibration.brier.before, `${method}: Brier ${calibration.brier.before} -> ${calibration.brier.after}`);
      assert.ok(fs.existsSync(path.join(calibration.runDir, 'report.html')));
    }
    const bad = hepml(['calibrate', 'c.hepml.json', '--method', 'beta'], { cwd: dir });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--method beta: choose sigmoid \(Platt\) or isotonic/);
  });
});
