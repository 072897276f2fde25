// Verdicts on runs and data, with the fixes the editor offers; the fixes applied to a real config clear the warnings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dataProblems } from '../../../src/core/config/dataCheck';
import { parseConfig } from '../../../src/core/config/parse';
import { fixedText, overtrainingFixes } from '../../../src/core/verdicts/configFix';
import { searchVerdicts, trainingVerdicts, trialCollapsed } from '../../../src/core/verdicts/runVerdicts';
import type { HepmlConfig } from '../../../src/shared/config';
import type { RunRecord } from '../../../src/shared/run';
import type { TrialRecord } from '../../../src/shared/search';
import { REPO, tempDir } from '../../helpers/paths';

const ks = (signal: number, background: number) => ({ signal: { statistic: 0.1, pValue: signal }, background: { statistic: 0.1, pValue: background } });
const record = (over: Partial<RunRecord>): RunRecord => ({ id: 'r1', name: 'x', status: 'completed', kind: 'train', configFile: 'x.hepml.json', versions: {}, seeds: { split: 1, training: 1 }, created: '', pid: 1, ...over });
const config = (over: Partial<HepmlConfig> = {}): HepmlConfig => ({ name: 'x', data: { sources: [{ path: 'a.csv' }], features: ['a', 'b'] }, model: { hidden: { layers: 2, units: 16 } }, ...over }) as HepmlConfig;
const trial = (score: number | undefined, status: TrialRecord['status'] = 'completed'): TrialRecord => ({ trial: 0, point: [], params: {}, status, score, foldScores: [], seconds: 1 });

describe('run verdicts', () => {
  it('a KS p-value below 0.05 in either class is overtraining, with dropout and early-stopping fixes', () => {
    const [verdict] = trainingVerdicts(record({ ks: ks(3e-12, 0.4) }), config({ training: { earlyStopping: false } }));
    assert.equal(verdict.kind, 'overtraining');
    assert.match(verdict.message, /signal p = 3\.0e-12 < 0\.05/);
    assert.deepEqual(verdict.fixes.map((f) => f.edits[0].path.join('.')), ['model.hidden.dropout', 'training.earlyStopping']);
    assert.deepEqual(trainingVerdicts(record({ ks: ks(0.2, 0.06) }), config()), []);
    assert.deepEqual(trainingVerdicts(record({ status: 'running', ks: ks(1e-9, 1e-9) })), []);
  });

  it('dropout grows by 0.2 up to 0.5 in every listed layer; no early-stopping fix when it keeps the best epoch already', () => {
    const [fix, ...rest] = overtrainingFixes(config({ model: { hidden: [{ units: 8, dropout: 0.4 }, { units: 4 }] } }));
    assert.deepEqual(fix.edits, [{ path: ['model', 'hidden', 0, 'dropout'], value: 0.5 }, { path: ['model', 'hidden', 1, 'dropout'], value: 0.5 }]);
    assert.equal(rest.length, 0);
  });

  it('AUC trials within 0.005 of 0.5 collapsed; other scorings have no known chance level', () => {
    assert.ok(trialCollapsed(trial(0.5001), 'auc'));
    assert.ok(!trialCollapsed(trial(0.51), 'auc'));
    assert.ok(!trialCollapsed(trial(0.5), 'accuracy'));
    assert.ok(!trialCollapsed(trial(undefined, 'failed'), 'auc'));
    const [verdict] = searchVerdicts([trial(0.5), trial(0.8), trial(0.4999)], 'auc');
    assert.equal(verdict.badge, '2 collapsed');
    assert.match(verdict.message, /2 of 3 trials collapsed/);
  });
});

describe('data verdicts and their fixes', () => {
  it('the ATLAS config without its missing section, and without class balance: each warning fixed by its quick fix, the text kept otherwise', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(REPO, 'examples', 'atlas-higgs', 'training_10k.csv'), path.join(dir, 'training_10k.csv'));
    const original = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'atlas-higgs', 'atlas.hepml.json'), 'utf8')) as HepmlConfig;
    delete original.data.missing;
    original.training = { ...original.training, classBalance: false };
    let text = JSON.stringify(original, null, 2);
    const file = path.join(dir, 'atlas.hepml.json');
    const problems = async () => {
      const parsed = parseConfig(text);
      return dataProblems(parsed.config!, parsed.locate, file, { workspace: dir, readEvents: true });
    };
    const found = await problems();
    const sentinel = found.find((p) => p.code === 'sentinel');
    const weights = found.find((p) => p.code === 'weights');
    assert.ok(sentinel?.fixes && weights?.fixes, JSON.stringify(found.map((p) => p.code)));
    assert.deepEqual(sentinel.fixes[0].edits, [{ path: ['data', 'missing'], value: { value: -999, policy: 'median' } }]);
    text = fixedText(fixedText(text, sentinel.fixes[0]), weights.fixes[0]);
    const fixed = JSON.parse(text) as HepmlConfig;
    assert.deepEqual(fixed.data.missing, { value: -999, policy: 'median' });
    assert.equal(fixed.training?.classBalance, true);
    // Nothing else changed.
    delete fixed.data.missing;
    fixed.training!.classBalance = false;
    assert.deepEqual(fixed, original);
    const after = await problems();
    assert.ok(!after.some((p) => p.code === 'sentinel' || p.code === 'weights'), JSON.stringify(after.map((p) => p.message)));
  });

  it('a leakage feature is flagged at its line, and its fix removes it from data.features', async () => {
    const dir = tempDir();
    const rows = ['a,b,truth,label'];
    for (let i = 0; i < 2000; i++) rows.push(`${Math.sin(i)},${Math.cos(i * 3)},${i % 2},${i % 2 ? 's' : 'b'}`);
    fs.writeFileSync(path.join(dir, 'events.csv'), rows.join('\n') + '\n');
    const text = JSON.stringify(config({ data: { sources: [{ path: 'events.csv' }], features: ['a', 'truth', 'b'], label: { column: 'label', map: { s: 'signal', b: 'background' } } } }), null, 2);
    const parsed = parseConfig(text);
    const found = await dataProblems(parsed.config!, parsed.locate, path.join(dir, 'x.hepml.json'), { workspace: dir, readEvents: true });
    const leakage = found.find((p) => p.code === 'leakage');
    assert.ok(leakage, JSON.stringify(found));
    assert.equal(text.split('\n')[leakage.line - 1].trim(), '"truth",');
    assert.deepEqual((JSON.parse(fixedText(text, leakage.fixes![0])) as HepmlConfig).data.features, ['a', 'b']);
  });
});
