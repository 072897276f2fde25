import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TestMetrics } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';
import { maxOf } from '../../src/core/util/arrays';

interface EnsembleOutput {
  runDir: string;
  method: string;
  members: { name: string; test: TestMetrics }[];
  test: TestMetrics;
  metaModel?: { coefficients: number[]; intercept: number };
}

function run(method: string): EnsembleOutput {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(800, 3, 1.0));
  fs.writeFileSync(path.join(dir, 'member.hepml.json'), JSON.stringify(tinyConfig({ model: { hidden: [{ units: 6, activation: 'tanh' }] } })));
  const config = tinyConfig({
    training: { epochs: 4, batchSize: 32, learningRate: 0.02, validationFraction: 0, earlyStopping: false, seed: 2 },
    ensemble: { method, cv: 2, members: [{ config: 'member.hepml.json' }, { name: 'wide', model: { hidden: { layers: 1, units: 16 } } }, { name: 'slow', training: { learningRate: 0.005 } }] },
  });
  fs.writeFileSync(path.join(dir, 'e.hepml.json'), JSON.stringify(config));
  const result = hepml(['ensemble', 'e.hepml.json', '--jobs', '2', '--json'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as EnsembleOutput;
}

describe('hepml ensemble', () => {
  it('stacks members with a logistic-regression meta-model and gives the ensemble a model\'s diagnostics', () => {
    const out = run('stacking');
    assert.deepEqual(out.members.map((m) => m.name), ['member', 'wide', 'slow']);
    assert.equal(out.metaModel!.coefficients.length, 3);
    assert.ok(out.metaModel!.coefficients.some((c) => c > 0), 'the members\' probabilities push towards signal');
    const best = maxOf(out.members.map((m) => m.test.auc));
    assert.ok(out.test.auc >= best - 0.02, `stacked AUC ${out.test.auc} vs best member ${best}`);
    const diagnostics = JSON.parse(fs.readFileSync(path.join(out.runDir, 'diagnostics.json'), 'utf8'));
    assert.ok(diagnostics.roc && diagnostics.overtraining && diagnostics.efficiency);
    assert.ok(fs.existsSync(path.join(out.runDir, 'report.html')));
  });

  it('votes softly and by majority', () => {
    for (const method of ['soft', 'hard']) {
      const out = run(method);
      assert.equal(out.method, method);
      assert.ok(out.test.auc > 0.75, `${method} AUC ${out.test.auc}`);
      assert.equal(out.metaModel, undefined);
    }
  });
});
