// New Experiment's first config for a data file: proposed features, label, weight and trees.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { describeColumn } from '../../../src/core/config/columnSummary';
import { draftConfig } from '../../../src/core/config/draft';
import { parseConfig } from '../../../src/core/config/parse';
import { dataProblems } from '../../../src/core/config/dataCheck';
import { needOracle, python } from '../../helpers/oracle';
import { REPO, tempDir } from '../../helpers/paths';

describe('config draft', () => {
  it('proposes the ATLAS CSV numeric columns as features, Label s/b as the label and Weight as the weight; the draft is valid', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(REPO, 'examples', 'atlas-higgs', 'training_10k.csv'), path.join(dir, 'training_10k.csv'));
    const { config, numericColumns } = await draftConfig(path.join(dir, 'training_10k.csv'), dir);
    assert.deepEqual(config.data.label, { column: 'Label', map: { s: 'signal', b: 'background' } });
    assert.equal(config.data.weight, 'Weight');
    assert.equal(config.data.features.length, 30);
    assert.ok(!config.data.features.includes('EventId') && !config.data.features.includes('Weight'));
    assert.ok(numericColumns.includes('EventId'));
    const text = JSON.stringify(config, null, 2);
    const parsed = parseConfig(text);
    assert.deepEqual(parsed.problems, []);
    const file = path.join(dir, 'd.hepml.json');
    fs.writeFileSync(file, text);
    assert.deepEqual(await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir }), [], 'the draft matches its data file');
  });

  it("takes a ROOT file's signal and background trees as the two sources", async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(REPO, 'examples', 'higgs', 'Higgs_data.root'), path.join(dir, 'Higgs_data.root'));
    const { config } = await draftConfig(path.join(dir, 'Higgs_data.root'), dir);
    assert.deepEqual(config.data.sources, [{ path: 'Higgs_data.root', tree: 'sig_tree', class: 'signal' }, { path: 'Higgs_data.root', tree: 'bkg_tree', class: 'background' }]);
    assert.equal(config.data.features.length, 28);
    assert.deepEqual(parseConfig(JSON.stringify(config)).problems, []);
  });

  it("summarises each column for the picker: range without the marker, the marker's share, and the separation (against NumPy and scikit-learn)", async (t) => {
    const dir = tempDir();
    const csv = path.join(dir, 'training_10k.csv');
    fs.copyFileSync(path.join(REPO, 'examples', 'atlas-higgs', 'training_10k.csv'), csv);
    const { columns, config } = await draftConfig(csv, dir);
    assert.equal(config.data.missing?.value, -999);
    const mmc = columns.find((c) => c.name === 'DER_mass_MMC')!;
    if (!needOracle(t)) return;
    const expected = python<{ min: number; max: number; missing: number; separation: number }>(`
import pandas as pd
from sklearn.metrics import roc_auc_score
d = pd.read_csv(data)
x = d['DER_mass_MMC'].to_numpy(np.float32); y = (d['Label'] == 's').to_numpy(int)
kept = x[x != -999]
auc = roc_auc_score(y, x)
print(json.dumps({'min': float(kept.min()), 'max': float(kept.max()), 'missing': float((x == -999).mean()), 'separation': max(auc, 1 - auc)}))
`, csv);
    assert.equal(mmc.min, expected.min);
    assert.equal(mmc.max, expected.max);
    assert.ok(Math.abs(mmc.missingFraction - expected.missing) < 1e-12, `${mmc.missingFraction} vs ${expected.missing}`);
    assert.ok(Math.abs(mmc.separation - expected.separation) < 1e-9, `${mmc.separation} vs ${expected.separation}`);
    assert.match(describeColumn(mmc), /^\d.* \.\. .* · 1\d% missing · separation 0\.\d\d$/);
  });
});
