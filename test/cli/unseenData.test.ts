// The defects found on data the project had never seen (issue "Analysis-scale data"), each
// pinned by the behaviour a user sees from the command line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, loadConfigEvents } from '../../src/core/config/load';
import { draftConfig } from '../../src/core/config/draft';
import { prepareFit, splitRows } from '../../src/core/lab/prepare';
import { searchRunName } from '../../src/core/runs/runSearch';
import type { Diagnostics } from '../../src/shared/diagnostics';
import type { TrainSummary } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

function workspace(config: Record<string, unknown>, files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(config, null, 2));
  return dir;
}

/** separableCsv without its header line, and the class as 1/0. */
function headerless(events: number): string {
  return separableCsv(events).split('\n').slice(1).map((line) => line.replace(/,s$/, ',1').replace(/,b$/, ',0')).join('\n');
}

function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

const configWith = (data: Record<string, unknown>) => tinyConfig({ data: { ...(tinyConfig().data as object), ...data } });

describe('data the project had never seen', () => {
  it('reads a CSV without a header: named by "columns", every line an event', () => {
    const dir = workspace(configWith({ sources: [{ path: 'events.csv', header: false, columns: ['x1', 'x2', 'noise', 'w', 'label'] }], label: { column: 'label', map: { '1': 'signal', '0': 'background' } } }), { 'events.csv': headerless(400) });
    const inspect = hepml(['inspect', 'events.csv'], { cwd: dir });
    assert.equal(inspect.status, 0, inspect.stderr);
    assert.match(inspect.stdout, /CSV: 400 entries, 5 columns/, 'the first line is an event, not a header');
    assert.match(inspect.stdout, /note: no header row .*col0 to col4/);
    const train = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.equal(train.status, 0, train.stderr);
    const summary = lastJson<TrainSummary>(train.stdout);
    const predictions = fs.readFileSync(path.join(summary.runDir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(predictions.length - 1, 80, '20% of all 400 events are test events: none was lost to a header');
  });

  it('reads a file whose name does not say its format, by "format" or by its content', () => {
    const dir = workspace(configWith({ sources: [{ path: 'events.train', format: 'csv' }] }), { 'events.train': separableCsv(300) });
    assert.equal(hepml(['validate', 'exp.hepml.json'], { cwd: dir }).status, 0);
    assert.equal(hepml(['train', 'exp.hepml.json'], { cwd: dir }).status, 0);
    const sniffed = hepml(['inspect', 'events.train'], { cwd: dir });
    assert.match(sniffed.stdout, /CSV: 300 entries, 5 columns/);
    fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 9]));
    const unknown = hepml(['inspect', 'blob.bin'], { cwd: dir });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /blob\.bin: unknown file type .*set "format"/);
  });

  it('checks a curve parameter before anything trains, at the config line of its section', () => {
    const dir = workspace(tinyConfig(), { 'events.csv': separableCsv(200) });
    const result = hepml(['curve', 'validation', 'exp.hepml.json', '--param', 'training.learnRate', '--values', '0.001,0.01'], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    const trainingLine = fs.readFileSync(path.join(dir, 'exp.hepml.json'), 'utf8').split('\n').findIndex((l) => l.includes('"training"')) + 1;
    assert.match(result.stderr, new RegExp(`exp\\.hepml\\.json:${trainingLine}:\\d+: --param training\\.learnRate: .*unknown key "learnRate".*Did you mean "learningRate"`));
    assert.doesNotMatch(result.stdout, /fits/, 'nothing started');
    assert.ok(!fs.existsSync(path.join(dir, '.hepml')), 'no run was made');
  });

  it('validate names a bad validation-curve path and an unknown key in an ensemble member', () => {
    const curve = workspace(tinyConfig({ analysis: { validationCurve: { param: 'training.learnRate', values: [0.01] } } }), { 'events.csv': separableCsv(100) });
    const a = hepml(['validate', 'exp.hepml.json'], { cwd: curve });
    assert.equal(a.status, 1);
    assert.match(a.stdout, /unknown key "learnRate"/);
    const ensemble = workspace(tinyConfig({ ensemble: { members: [{ training: { epochs: 2 } }, { training: { learnRate: 0.1 } }] } }), { 'events.csv': separableCsv(100) });
    const b = hepml(['validate', 'exp.hepml.json'], { cwd: ensemble });
    assert.equal(b.status, 1);
    assert.match(b.stdout, /unknown key "learnRate" in "ensemble\.members\.1\.training"/);
  });

  it('validate finds a label value that the map does not name, and train then leaves no failed run', () => {
    const csv = separableCsv(100).replace(/,b\n/, ',x\n');
    const dir = workspace(tinyConfig(), { 'events.csv': csv });
    const validate = hepml(['validate', 'exp.hepml.json'], { cwd: dir });
    assert.equal(validate.status, 1);
    assert.match(validate.stdout, /has label = "x", which data\.label\.map does not name/);
    const train = hepml(['train', 'exp.hepml.json'], { cwd: dir });
    assert.equal(train.status, 1);
    assert.ok(!fs.existsSync(path.join(dir, '.hepml', 'runs')), 'no failed run left behind');
  });

  it('warns of the label column as a feature and of an event-number feature (validate, explore, report)', () => {
    const csv = separableCsv(300).split('\n').map((line, i) => (i === 0 ? `EventId,${line},y` : line ? `${100000 + i},${line},${line.endsWith(',s') ? 1 : 0}` : line)).join('\n');
    const dir = workspace(configWith({ features: ['x1', 'x2', 'EventId', 'y'], label: { column: 'y', map: { '1': 'signal', '0': 'background' } } }), { 'events.csv': csv });
    const validate = hepml(['validate', 'exp.hepml.json'], { cwd: dir });
    assert.equal(validate.status, 0, 'warnings do not fail validation');
    assert.match(validate.stdout, /feature "y" is the label column.*\(warning\)/);
    assert.match(validate.stdout, /feature "EventId" looks like an event or run number.*\(warning\)/);
    const explore = hepml(['explore', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.match(explore.stderr, /warning: feature "y" is the label column/);
    const train = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    const report = fs.readFileSync(path.join(lastJson<TrainSummary>(train.stdout).runDir, 'report.html'), 'utf8');
    assert.match(report, /Data checks/);
    assert.match(report, /is the label column/);
  });

  it('warns of far outliers, and draws feature histograms from quantile ranges so the bulk stays visible', () => {
    const lines = separableCsv(2000).split('\n');
    const far = lines.map((line, i) => (i > 0 && i % 500 === 0 ? line.replace(/^[^,]+/, '100000') : line)).join('\n');
    const dir = workspace(tinyConfig(), { 'events.csv': far });
    const validate = hepml(['validate', 'exp.hepml.json'], { cwd: dir });
    assert.match(validate.stdout, /feature "x1" has 4 event\(s\) far outside the bulk.*robust/);
    const train = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    const diagnostics = JSON.parse(fs.readFileSync(path.join(lastJson<TrainSummary>(train.stdout).runDir, 'diagnostics.json'), 'utf8')) as Diagnostics;
    const x1 = diagnostics.features!.find((f) => f.name === 'x1')!;
    const filled = x1.background.filter((c) => c > 0).length;
    assert.ok(filled > 20, `the bulk spreads over ${filled} of 40 bins, not one spike`);
    assert.ok(x1.edges[x1.edges.length - 1] < 100, `range ends at ${x1.edges[x1.edges.length - 1]}, not at the outlier`);
  });

  it('holds the validation events fixed when only training.seed changes', async () => {
    const dir = workspace(tinyConfig(), { 'events.csv': separableCsv(500) });
    const loaded = loadConfig(path.join(dir, 'exp.hepml.json'), { workspace: dir });
    const events = await loadConfigEvents(loaded);
    const { train } = splitRows(events, loaded.config);
    const validationOf = (seed: number) => prepareFit(events, train, { ...loaded.config, training: { ...loaded.config.training, seed } }).validation!.rows;
    assert.deepEqual(validationOf(1), validationOf(99));
    const otherSplit = prepareFit(events, train, { ...loaded.config, split: { ...loaded.config.split, seed: 7 } }).validation!.rows;
    assert.notDeepEqual(otherSplit, validationOf(1), 'split.seed does move them');
  });

  it('keeps the test events and their predictions in predictions.csv: the AUC from that file equals the run\'s', (t) => {
    if (!needOracle(t)) return;
    const dir = workspace(tinyConfig(), { 'events.csv': separableCsv(1000) });
    const summary = lastJson<TrainSummary>(hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir }).stdout);
    const file = path.join(summary.runDir, 'predictions.csv');
    const header = fs.readFileSync(file, 'utf8').split('\n')[0];
    assert.equal(header, 'source,process,entry,set,class,weight,score_signal,score_background');
    const auc = python<number>(
      `import pandas as pd
from sklearn.metrics import roc_auc_score
p = pd.read_csv(data)
print(json.dumps(roc_auc_score(p['class'] == 'signal', p['score_signal'], sample_weight=p['weight'])))`,
      file,
    );
    assert.ok(Math.abs(auc - summary.metrics.auc) < 1e-6, `${auc} vs ${summary.metrics.auc}`);
    const entries = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
    assert.ok(fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).every((l) => l.split(',')[3] === 'test'), 'without folds, the test events only');
    assert.equal(new Set(entries).size, entries.length, 'each test event once, by its entry');
  });

  it('hepml new writes the editor\'s draft beside the data, never over a file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(300));
    const first = hepml(['new', 'events.csv'], { cwd: dir });
    assert.equal(first.status, 0, first.stderr);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'events.hepml.json'), 'utf8'));
    assert.deepEqual(written, (await draftConfig(path.join(dir, 'events.csv'), dir)).config);
    assert.equal(hepml(['new', 'events.csv'], { cwd: dir }).status, 0);
    assert.ok(fs.existsSync(path.join(dir, 'events-2.hepml.json')), 'a second draft gets a new name');
    const refused = hepml(['new', 'events.csv', '--out', 'events.hepml.json'], { cwd: dir });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /never overwrites/);
    assert.equal(hepml(['validate', 'events.hepml.json'], { cwd: dir }).status, 0);
  });

  it('names search runs without repeating the method', () => {
    assert.equal(searchRunName('E-bayes', 'bayes'), 'E-bayes');
    assert.equal(searchRunName('higgs', 'grid'), 'higgs-grid');
  });

  it('hepml inspect names a row with too few or too many fields', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ragged.csv'), 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    const result = hepml(['inspect', 'ragged.csv'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /ragged\.csv:3: row has 2 fields but the header has 3/);
  });
});
