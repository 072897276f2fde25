// Event-number folds: k models, each scoring exactly the events it did not train on.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord, TrainSummary } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

describe('event-number folds', () => {
  it('trains k models, keeps them together, and scores every training event out of fold', (t) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(1200));
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig({ folds: { k: 3, by: 'entry' }, split: { testSelection: 'entry % 5 == 0' } })));
    const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop()!) as TrainSummary;
    const record = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'run.json'), 'utf8')) as RunRecord;
    assert.deepEqual(record.folds, { k: 3, by: 'entry' });
    for (const f of [0, 1, 2]) for (const file of ['model/model.json', 'preprocessing.json', 'history.json']) assert.ok(fs.existsSync(path.join(summary.runDir, 'folds', String(f), file)), `fold ${f}: ${file}`);
    const lines = fs.readFileSync(path.join(summary.runDir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'source,process,entry,set,class,weight,score_signal,score_background,fold');
    const rows = lines.slice(1).map((l) => l.split(','));
    const test = rows.filter((r) => r[3] === 'test');
    const train = rows.filter((r) => r[3] === 'train');
    assert.equal(test.length, 240, 'every fifth entry is a test event');
    assert.equal(train.length, 960, 'every other event is scored once, out of fold');
    assert.ok(test.every((r) => Number(r[2]) % 5 === 0) && train.every((r) => Number(r[2]) % 5 !== 0));
    assert.ok(rows.every((r) => Number(r[8]) === Number(r[2]) % 3), 'each event is scored by the model of its fold (entry mod 3)');
    if (!needOracle(t)) return;
    const auc = python<number>(
      `import pandas as pd
from sklearn.metrics import roc_auc_score
p = pd.read_csv(data); p = p[p['set'] == 'train']
print(json.dumps(roc_auc_score(p['class'] == 'signal', p['score_signal'], sample_weight=p['weight'])))`,
      path.join(summary.runDir, 'predictions.csv'),
    );
    assert.ok(Math.abs(auc - record.outOfFold!.auc) < 1e-6, `out-of-fold AUC ${record.outOfFold!.auc} vs scikit-learn ${auc}`);
  });
});
