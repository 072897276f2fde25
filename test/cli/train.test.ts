import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord, TrainSummary } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { hasSharedData, REPO, sharedData, tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

function workspace(config: Record<string, unknown>, files: Record<string, string | Buffer> = { 'events.csv': separableCsv(1000) }): { dir: string; config: string } {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(config, null, 2));
  return { dir, config: path.join(dir, 'exp.hepml.json') };
}

function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

describe('hepml train', () => {
  it('trains, stores the run and prints the JSON contract as the last stdout line', () => {
    const { dir } = workspace(tinyConfig());
    const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJsonLine<TrainSummary>(result.stdout);
    assert.deepEqual(Object.keys(summary).sort(), ['backend', 'epochs', 'ks', 'metrics', 'runDir', 'seconds']);
    assert.deepEqual(Object.keys(summary.metrics).sort(), ['accuracy', 'auc', 'loss']);
    assert.ok(summary.metrics.auc > 0.8, `AUC ${summary.metrics.auc}`);
    for (const part of ['signal', 'background'] as const) {
      assert.ok(summary.ks[part].statistic >= 0 && summary.ks[part].statistic <= 1);
      assert.ok(summary.ks[part].pValue >= 0 && summary.ks[part].pValue <= 1);
    }
    assert.equal(summary.backend, 'wasm');
    assert.equal(summary.epochs, 3);
    assert.ok(summary.runDir.startsWith(path.join(dir, '.hepml', 'runs')));
    for (const file of ['config.json', 'run.json', 'history.json', 'diagnostics.json', 'model/model.json', 'model/weights.bin', 'report.html']) {
      assert.ok(fs.existsSync(path.join(summary.runDir, file)), `${file} stored`);
    }
    const record = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'run.json'), 'utf8')) as RunRecord;
    assert.equal(record.status, 'completed');
    assert.equal(record.backend, 'wasm');
    assert.equal(record.metrics!.auc, summary.metrics.auc);
    assert.equal(fs.readFileSync(path.join(summary.runDir, 'config.json'), 'utf8'), fs.readFileSync(path.join(dir, 'exp.hepml.json'), 'utf8'));
    const report = hepml(['report', summary.runDir]);
    assert.equal(report.status, 0, report.stderr);
  });

  it('stores runs where HEPML_RUNS_DIR says (relative to the workspace), and report --latest finds them there', () => {
    const { dir } = workspace(tinyConfig());
    const env = { HEPML_RUNS_DIR: path.join('scratch', 'runs') };
    const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir, env });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJsonLine<TrainSummary>(result.stdout);
    assert.equal(path.dirname(summary.runDir), path.join(dir, 'scratch', 'runs'));
    assert.equal(fs.existsSync(path.join(dir, '.hepml')), false, 'nothing written to the default store');
    assert.equal(hepml(['report', '--latest', dir], { env }).status, 0);
    const elsewhere = hepml(['report', '--latest', dir]);
    assert.equal(elsewhere.status, 1);
    assert.match(elsewhere.stderr, /no completed run in .*\.hepml.runs/);
  });

  it('trains on a ROOT file with one tree per class and a jagged feature with event weights', { skip: !hasSharedData }, () => {
    const files = { 'top.root': fs.readFileSync(sharedData('cms-tutorial', 'single_top.root')), 'ww.root': fs.readFileSync(sharedData('cms-tutorial', 'ww.root')) };
    const { dir } = workspace(
      {
        data: {
          sources: [{ path: 'top.root', tree: 'events', class: 'signal' }, { path: 'ww.root', tree: 'events', class: 'background' }],
          features: ['NJet', 'Jet_Px[0]', { name: 'Jet_Py[0]', fill: 0 }, 'MET_px', 'MET_py', 'NMuon', 'Muon_Px[0]'],
          weight: 'EventWeight',
          jaggedFill: -99,
        },
        model: { hidden: [{ units: 16, activation: 'selu', kernelInitializer: 'lecun_normal' }] },
        training: { epochs: 3, optimizer: 'rmsprop', batchSize: 64 },
        diagnostics: ['roc', 'overtraining'],
      },
      files,
    );
    const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJsonLine<TrainSummary>(result.stdout);
    assert.ok(summary.metrics.auc > 0.6, `AUC ${summary.metrics.auc}`);
    const diagnostics = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'diagnostics.json'), 'utf8'));
    assert.ok(diagnostics.roc && diagnostics.overtraining && !diagnostics.features && diagnostics.weighted);
  });

  it('trains three classes from a label column: softmax, one-vs-rest ROC per class and a confusion matrix', () => {
    const lines = ['a,b,process'];
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 900; i++) {
      const c = i % 3;
      lines.push(`${(rnd() + c).toFixed(4)},${(rnd() - c / 2).toFixed(4)},${['top', 'ww', 'zz'][c]}`);
    }
    const { dir } = workspace(
      {
        data: { sources: [{ path: 'events.csv' }], features: ['a', 'b'], classes: ['top', 'ww', 'zz'], label: { column: 'process', map: { top: 'top', ww: 'ww', zz: 'zz' } } },
        model: { hidden: { layers: 1, units: 16 } },
        training: { epochs: 15, learningRate: 0.02, batchSize: 32 },
      },
      { 'events.csv': lines.join('\n') + '\n' },
    );
    const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJsonLine<TrainSummary>(result.stdout);
    const diagnostics = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'diagnostics.json'), 'utf8'));
    assert.deepEqual(diagnostics.multiclass.roc.map((r: { class: string }) => r.class), ['top', 'ww', 'zz']);
    for (const r of diagnostics.multiclass.roc) assert.ok(r.auc > 0.8, `${r.class} AUC ${r.auc}`);
    for (const row of diagnostics.multiclass.confusion) assert.ok(Math.abs(row.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-9);
    assert.ok(diagnostics.multiclass.confusion[0][0] > 0.5, 'most top events are called top');
    assert.equal(diagnostics.multiclass.outputs.length, 3);
  });

  it('validate tells a broken define once, at the define, not again at each feature using it', () => {
    const config = tinyConfig();
    const data = config.data as { features: string[]; define?: Record<string, string> };
    data.define = { r: 'hypot(x1, x3)' };
    data.features = [...data.features, 'r', 'r * 2'];
    const { dir } = workspace(config);
    const result = hepml(['validate', 'exp.hepml.json'], { cwd: dir });
    assert.equal(result.status, 1);
    const lines = (result.stdout + result.stderr).trim().split('\n');
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /exp\.hepml\.json:\d+:\d+: define "r": events\.csv has no column "x3"/);
  });

  it('validate prints path:line:col: message and exits 1; inspect lists branches', { skip: !hasSharedData }, () => {
    const config = tinyConfig({ training: { epochs: 3, optimiser: 'adam' } });
    const { dir } = workspace(config);
    const result = hepml(['validate', 'exp.hepml.json'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^exp\.hepml\.json:\d+:\d+: unknown key "optimiser" in "training"\. Did you mean "optimizer"\?/m);
    const ok = workspace(tinyConfig());
    assert.equal(hepml(['validate', 'exp.hepml.json'], { cwd: ok.dir }).status, 0);
    const inspect = hepml(['inspect', sharedData('cms-tutorial', 'zz.root')]);
    assert.equal(inspect.status, 0);
    assert.match(inspect.stdout, /TTree "events": 2421 entries, 51 branches/);
    assert.match(inspect.stdout, /Jet_Px\s+F \[NJet\]/);
  });
});

describe('hepml in a pipeline', () => {
  it('stops quietly when the reader closes the pipe early (hepml inspect | head)', { skip: !hasSharedData }, () => {
    const result = spawnSync('sh', ['-c', `node ${path.join(REPO, 'bin', 'hepml.js')} inspect ${sharedData('root-io', 'nanoAOD_2015_CMS_Open_Data_ttbar.root')} | head -2`], { encoding: 'utf8' });
    assert.equal(result.stdout.trim().split('\n').length, 2);
    assert.doesNotMatch(result.stderr, /EPIPE|Error/);
  });
});

describe('hepml on bad input: exit 1, one clear line, no stack trace, nothing else touched', () => {
  const cases: [string, () => { dir: string; args: string[]; env?: Record<string, string> }, RegExp][] = [
    ['a missing config', () => ({ dir: tempDir(), args: ['train', 'nope.hepml.json'] }), /nope\.hepml\.json: no such config file/],
    ['a config that is not JSON', () => {
      const { dir } = workspace(tinyConfig());
      fs.writeFileSync(path.join(dir, 'exp.hepml.json'), 'data: [1, 2]');
      return { dir, args: ['train', 'exp.hepml.json'] };
    }, /exp\.hepml\.json:1:1: invalid JSON/],
    ['a config nested absurdly deep', () => {
      const { dir } = workspace(tinyConfig());
      fs.writeFileSync(path.join(dir, 'exp.hepml.json'), '['.repeat(50000));
      return { dir, args: ['train', 'exp.hepml.json'] };
    }, /nests deeper than 64 levels/],
    ['a missing data file', () => ({ dir: workspace(tinyConfig(), {}).dir, args: ['train', 'exp.hepml.json'] }), /data\.sources\[0\]\.path: file "events\.csv" does not exist/],
    ['a feature not in the file', () => {
      const config = tinyConfig();
      (config.data as { features: string[] }).features = ['x1', 'x3'];
      return { dir: workspace(config).dir, args: ['train', 'exp.hepml.json'] };
    }, /exp\.hepml\.json:\d+:\d+: feature "x3": events\.csv has no column "x3".*Did you mean "x1"/],
    ['one class only', () => ({ dir: workspace(tinyConfig(), { 'events.csv': separableCsv(50).replace(/,b\n/g, ',s\n') }).dir, args: ['train', 'exp.hepml.json'] }), /value "b" never occurs in column "label"/],
    ['NaN in a feature', () => ({ dir: workspace(tinyConfig(), { 'events.csv': 'x1,x2,noise,w,label\n1,2,3,1,s\n1,NaN,3,1,b\n' }).dir, args: ['train', 'exp.hepml.json'] }), /events\.csv:3: column "x2" \(feature "x2"\) holds "NaN"/],
    ['a folder where a data file should be', () => {
      const { dir } = workspace(tinyConfig(), {});
      fs.mkdirSync(path.join(dir, 'events.csv'));
      return { dir, args: ['train', 'exp.hepml.json'] };
    }, /data\.sources\[0\]\.path: "events\.csv" is a folder, not a file/],
    ['an empty file', () => ({ dir: workspace(tinyConfig(), { 'events.csv': '' }).dir, args: ['train', 'exp.hepml.json'] }), /events\.csv: the file is empty/],
    ['a ragged CSV row', () => ({ dir: workspace(tinyConfig(), { 'events.csv': 'x1,x2,noise,w,label\n1,2,3,1,s\n1,2,b\n' }).dir, args: ['train', 'exp.hepml.json'] }), /events\.csv:3: row has 3 fields but the header has 5/],
    ['a text file named .root', () => ({
      dir: workspace({ ...tinyConfig(), data: { sources: [{ path: 'a.root', tree: 't', class: 'signal' }, { path: 'a.root', tree: 'u', class: 'background' }], features: ['x'] } }, { 'a.root': 'x,y\n1,2\n' }).dir,
      args: ['train', 'exp.hepml.json'],
    }), /a\.root: not a ROOT file/],
    ['a truncated ROOT file', () => {
      const bytes = fs.readFileSync(path.join(REPO, 'examples', 'higgs', 'Higgs_data.root')).subarray(0, 60000);
      return {
        dir: workspace({ ...tinyConfig(), data: { sources: [{ path: 'a.root', tree: 'sig_tree', class: 'signal' }, { path: 'a.root', tree: 'bkg_tree', class: 'background' }], features: ['m_bb'] } }, { 'a.root': bytes }).dir,
        args: ['train', 'exp.hepml.json'],
      };
    }, /a\.root: .*(truncated|corrupt|no TTree)/],
    ['a tree that does not exist', () => ({
      dir: workspace({ ...tinyConfig(), data: { sources: [{ path: 'a.root', tree: 'nope', class: 'signal' }, { path: 'a.root', tree: 'events', class: 'background' }], features: ['MET_px'] } }, { 'a.root': fs.readFileSync(path.join(REPO, 'examples', 'cms-single-top', 'zz.root')) }).dir,
      args: ['train', 'exp.hepml.json'],
    }), /no TTree "nope"; the file has "events"/],
    ['a runs folder (HEPML_RUNS_DIR) that is a file', () => {
      const { dir } = workspace(tinyConfig(), { 'events.csv': separableCsv(100), runs: 'not a folder\n' });
      return { dir, args: ['train', 'exp.hepml.json'], env: { HEPML_RUNS_DIR: 'runs' } };
    }, /cannot create the run store .*runs \(EEXIST\); set HEPML_RUNS_DIR .* to a folder you can write/],
  ];
  for (const [name, setup, expected] of cases) {
    it(name, () => {
      const { dir, args, env } = setup();
      const before = fs.readdirSync(dir).sort();
      const result = hepml(args, { cwd: dir, env });
      assert.equal(result.status, 1, `exit code; stderr: ${result.stderr}`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line: ${result.stderr}`);
      assert.match(lines[0], expected);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      const after = fs.readdirSync(dir).filter((f) => f !== '.hepml').sort();
      assert.deepEqual(after, before.filter((f) => f !== '.hepml'), 'no file of the user was touched');
      const runs = path.join(dir, '.hepml', 'runs');
      if (fs.existsSync(runs)) {
        for (const id of fs.readdirSync(runs)) {
          const record = JSON.parse(fs.readFileSync(path.join(runs, id, 'run.json'), 'utf8')) as RunRecord;
          assert.equal(record.status, 'failed', 'a run that started is recorded as failed');
          assert.ok(record.error && record.error.length > 0);
        }
      }
    });
  }
});
