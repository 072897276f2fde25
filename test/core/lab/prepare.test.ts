import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, loadConfigEvents } from '../../../src/core/config/load';
import { prepareData, trainingWeights } from '../../../src/core/lab/prepare';
import { UserError } from '../../../src/core/util/errors';
import { tempDir } from '../../helpers/paths';

const CSV = ['a,b,w,label', '1,10,2,1', '-999,20,1,0', '3,-999,1,1', '4,40,1,0', '5,50,1,1', '6,60,1,0', '7,70,-0.5,1', '8,80,1,0', '9,90,1,0', '10,100,1,0'].join('\n') + '\n';

function load(extra: Record<string, unknown>, training: Record<string, unknown> = {}) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'd.csv'), CSV);
  const config = {
    data: { sources: [{ path: 'd.csv' }], features: ['a', 'b'], label: { column: 'label', map: { '1': 'signal', '0.0': 'background' } }, weight: 'w', ...extra },
    split: { testFraction: 0.3, seed: 1 },
    model: { hidden: { layers: 1, units: 2 } },
    training: { validationFraction: 0, ...training },
  };
  fs.writeFileSync(path.join(dir, 'c.hepml.json'), JSON.stringify(config));
  return loadConfig(path.join(dir, 'c.hepml.json'), { workspace: dir });
}

describe('data preparation', () => {
  it('maps numeric label values written as 1 / 0.0 and keeps negative weights', async () => {
    const loaded = load({});
    const events = await loadConfigEvents(loaded);
    assert.deepEqual(Array.from(events.labels), [0, 1, 0, 1, 0, 1, 0, 1, 1, 1]);
    assert.equal(events.weights[6], -0.5);
  });

  it('names the entry and expression of a feature that is not finite, or beyond float32 as stored', async () => {
    await assert.rejects(loadConfigEvents(load({ define: { r: 'log(a - 1)' }, features: ['r', 'b'] })), /d\.csv: entry 0: "r" is -Infinity; features, spectators and weights must be finite/);
    await assert.rejects(loadConfigEvents(load({ define: { big: 'a * 1e38' }, features: ['big', 'b'] })), /d\.csv: entry 1: "big" is -9\.98\d*e\+40, beyond float32's range/);
    await assert.rejects(loadConfigEvents(load({ weight: 'w / (a - 5)' })), /entry 4: "w \/ \(a - 5\)" is Infinity/);
  });

  it('drops events holding the sentinel with policy "drop"', async () => {
    const loaded = load({ missing: { value: -999, policy: 'drop' } });
    const events = await loadConfigEvents(loaded);
    assert.equal(events.size, 8);
    assert.ok(!Array.from(events.columns[0]).includes(-999) && !Array.from(events.columns[1]).includes(-999));
  });

  it('replaces the sentinel by the training-set median with policy "median"', async () => {
    const loaded = load({ missing: { value: -999, policy: 'median' } });
    const events = await loadConfigEvents(loaded);
    const data = prepareData(events, loaded.config);
    const trainA = Array.from(data.trainRows, (row) => events.columns[0][row]).filter((v) => v !== -999).sort((x, y) => x - y);
    const mid = trainA.length / 2;
    const median = trainA.length % 2 ? trainA[Math.floor(mid)] : (trainA[mid - 1] + trainA[mid]) / 2;
    assert.equal(data.preprocessing.imputedValues![0], median);
    assert.equal(data.trainRows.length + data.testRows.length, 10);
    // The scaled matrices never see the sentinel: all values stay within a few units.
    for (const v of [...data.trainMatrix.x, ...data.testMatrix.x]) assert.ok(Math.abs(v) < 10, `scaled value ${v}`);
  });

  it('splits stratified and reproducibly under the seed', async () => {
    const loaded = load({});
    const events = await loadConfigEvents(loaded);
    const first = prepareData(events, loaded.config);
    const second = prepareData(events, loaded.config);
    assert.deepEqual(first.testRows, second.testRows);
    assert.deepEqual(first.testMatrix.x, second.testMatrix.x);
    const signals = (labels: Int32Array) => Array.from(labels).filter((l) => l === 0).length;
    assert.equal(signals(first.testMatrix.labels), 1, 'round(4 signal x 0.3) = 1 signal in the test set');
    assert.equal(first.testRows.length, 3);
  });

  it('balances the classes and normalises the weights to a mean of one', async () => {
    const loaded = load({});
    const events = await loadConfigEvents(loaded);
    const all = Int32Array.from({ length: events.size }, (_, i) => i);
    const weights = trainingWeights(events, all, loaded.config.training);
    const total = (c: number) => Array.from(weights).reduce((s, w, i) => s + (events.labels[i] === c ? w : 0), 0);
    assert.ok(Math.abs(total(0) - total(1)) < 1e-9);
    assert.ok(Math.abs(total(0) + total(1) - events.size) < 1e-9);
    const unweighted = trainingWeights(events, all, { ...loaded.config.training, useWeights: false, classBalance: false });
    assert.deepEqual(Array.from(unweighted), new Array(10).fill(1));
  });

  it('refuses a class whose weights sum to zero or less when balancing', async () => {
    const loaded = load({});
    const events = await loadConfigEvents(loaded);
    events.weights.forEach((_, i) => (events.weights[i] = events.labels[i] === 0 ? -1 : 1));
    assert.throws(() => trainingWeights(events, Int32Array.from({ length: events.size }, (_, i) => i), loaded.config.training), (e: Error) => e instanceof UserError && /class "signal" has a total event weight of -4/.test(e.message));
  });
});
