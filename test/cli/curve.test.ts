// Validation and learning curves: structure equal to scikit-learn's, end to end through the CLI.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { absoluteTrainSizes, DEFAULT_LEARNING_SIZES } from '../../src/core/runs/curves';
import type { CurveResult } from '../../src/shared/analysis';
import { stratifiedKFold } from '../../src/core/dataset/folds';
import { createRng } from '../../src/core/util/random';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

describe('curve structure matches scikit-learn', () => {
  for (const [n, k, signalFraction] of [[100, 3, 0.5], [257, 5, 0.3], [1000, 3, 0.17]] as const) {
    it(`fold sizes and learning-curve sizes for ${n} events, ${k} folds`, (t) => {
      if (!needOracle(t)) return;
      const rng = createRng(n);
      const labels = Int32Array.from({ length: n }, () => (rng() < signalFraction ? 0 : 1));
      const expected = python<{ folds: [number, number, number][]; sizes: number[] }>(
        `from sklearn.model_selection import StratifiedKFold
from sklearn.model_selection._validation import _translate_train_sizes
y = np.array(data['y'])
splits = list(StratifiedKFold(n_splits=data['k']).split(np.zeros(len(y)), y))
folds = [[len(tr), len(te), int((y[te] == 0).sum())] for tr, te in splits]
sizes = _translate_train_sizes(np.linspace(0.1, 1.0, 5), len(splits[0][0]))
print(json.dumps({'folds': folds, 'sizes': sizes.tolist()}))`,
        { y: Array.from(labels), k },
      );
      const ours = stratifiedKFold(labels, k, 1).map((f) => [f.train.length, f.validation.length, Array.from(f.validation).filter((i) => labels[i] === 0).length]);
      assert.deepEqual(ours, expected.folds);
      assert.deepEqual(absoluteTrainSizes(DEFAULT_LEARNING_SIZES, ours[0][0]), expected.sizes);
    });
  }
});

describe('hepml curve', () => {
  function workspace(): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(600));
    fs.writeFileSync(path.join(dir, 'c.hepml.json'), JSON.stringify(tinyConfig({ training: { epochs: 3, batchSize: 32, learningRate: 0.02, validationFraction: 0, earlyStopping: false, seed: 2 } })));
    return dir;
  }

  it('draws a validation curve: a point per value, a score per fold, train and CV', () => {
    const dir = workspace();
    const result = hepml(['curve', 'validation', 'c.hepml.json', '--param', 'model.hidden.units', '--values', '2,8', '--cv', '2', '--jobs', '2', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const curve = JSON.parse(result.stdout.trim().split('\n').pop()!) as CurveResult & { runDir: string };
    assert.deepEqual(curve.x, [2, 8]);
    assert.equal(curve.folds, 2);
    assert.deepEqual(curve.validation.scores.map((s) => s.length), [2, 2]);
    assert.deepEqual(curve.train.scores.map((s) => s.length), [2, 2]);
    assert.ok(curve.validation.mean.every((m) => m > 0.5 && m <= 1), `CV AUCs ${curve.validation.mean}`);
    assert.ok(curve.validation.mean[1] > 0.85, `8 units learn the separable sample: CV AUC ${curve.validation.mean[1]}`);
    assert.ok(fs.existsSync(path.join(curve.runDir, 'report.html')) && fs.existsSync(path.join(curve.runDir, 'curve.json')));
  });

  it('draws a learning curve at scikit-learn\'s default sizes, and names a bad path', () => {
    const dir = workspace();
    const result = hepml(['curve', 'learning', 'c.hepml.json', '--cv', '2', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const curve = JSON.parse(result.stdout.trim().split('\n').pop()!) as CurveResult;
    // Training set 480 events, folds of 240: sizes floor(f * 240).
    assert.deepEqual(curve.x, [24, 78, 132, 186, 240]);
    const bad = hepml(['curve', 'validation', 'c.hepml.json', '--param', 'model.hidden[4].units', '--values', '2'], { cwd: dir });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--param model\.hidden\[4\]\.units/);
    const oneFold = hepml(['curve', 'learning', 'c.hepml.json', '--cv', '1'], { cwd: dir });
    assert.equal(oneFold.status, 1, oneFold.stderr);
    assert.match(oneFold.stderr, /--cv 1: give a whole number of folds, 2 or more/);
  });
});
