// 400,000 events per class through every step that once spread arrays into calls or sorted whole
// columns: reading, split, folds, the robust scaler and median imputer, diagnostics and report.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, loadConfigEvents } from '../../src/core/config/load';
import { stratifiedKFold } from '../../src/core/dataset/folds';
import { fitPreprocessing, splitRows } from '../../src/core/lab/prepare';
import type { Diagnostics } from '../../src/shared/diagnostics';
import type { TrainSummary } from '../../src/shared/run';
import { createRng } from '../../src/core/util/random';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { gaussian } from '../helpers/synthetic';

const PER_CLASS = 400_000;

/** Two Gaussian classes in six features, -999 marking an undefined value in one of them. */
function writeEvents(file: string): void {
  const rng = createRng('large');
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'a,b,c,d,e,f,label\n');
  let lines: string[] = [];
  for (let i = 0; i < 2 * PER_CLASS; i++) {
    const signal = i % 2 === 0;
    const shift = signal ? 0.5 : 0;
    const values = Array.from({ length: 6 }, (_, f) => (gaussian(rng) + shift * (f % 3)).toFixed(4));
    if (rng() < 0.05) values[5] = '-999';
    lines.push(`${values.join(',')},${signal ? 1 : 0}`);
    if (lines.length === 50_000) {
      fs.writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  fs.closeSync(fd);
}

describe(`${2 * PER_CLASS} events`, () => {
  const dir = tempDir();
  const config = {
    name: 'large',
    data: { sources: [{ path: 'events.csv' }], features: ['a', 'b', 'c', 'd', 'e', 'f'], label: { column: 'label', map: { '1': 'signal', '0': 'background' } }, missing: { value: -999, policy: 'median' } },
    preprocessing: { scaler: 'robust' },
    model: { hidden: [{ units: 16 }] },
    training: { epochs: 1, batchSize: 4096, learningRate: 0.01, earlyStopping: false },
  };
  writeEvents(path.join(dir, 'events.csv'));
  fs.writeFileSync(path.join(dir, 'large.hepml.json'), JSON.stringify(config));

  it('splits, folds and fits the robust scaler and median imputer in memory', async () => {
    const loaded = loadConfig(path.join(dir, 'large.hepml.json'), { workspace: dir });
    const events = await loadConfigEvents(loaded);
    assert.equal(events.size, 2 * PER_CLASS);
    const { train, test } = splitRows(events, loaded.config);
    assert.equal(train.length + test.length, events.size);
    const folds = stratifiedKFold(Int32Array.from(train, (row) => events.labels[row]), 5, 1);
    assert.equal(folds.reduce((n, f) => n + f.validation.length, 0), train.length);
    const preprocessing = fitPreprocessing(events, train, loaded.config);
    // Each feature's median is near its classes' mean shift: 0, 0.25 or 0.5 over the two classes.
    preprocessing.scaler.offset.forEach((median, f) => assert.ok(Math.abs(median - 0.25 * (f % 3)) < 0.05, `median of feature ${f}: ${median}`));
    assert.ok(Math.abs(preprocessing.imputedValues![5] - 0.5) < 0.05, 'the imputed value of f is its measured median');
  });

  it('trains, scores and reports from the command line', () => {
    const result = hepml(['train', 'large.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop()!) as TrainSummary;
    assert.ok(summary.metrics.auc > 0.6, `AUC ${summary.metrics.auc}`);
    const predictions = fs.readFileSync(path.join(summary.runDir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(predictions.length - 1, 0.2 * 2 * PER_CLASS);
    const diagnostics = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'diagnostics.json'), 'utf8')) as Diagnostics;
    assert.equal(diagnostics.features!.length, 6);
    assert.equal(diagnostics.correlation!.signal.length, 6);
    assert.ok(diagnostics.roc!.test.fpr.length <= 1000);
    assert.ok(fs.statSync(path.join(summary.runDir, 'report.html')).size > 10_000);
  });
});
