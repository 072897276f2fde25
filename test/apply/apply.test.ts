// hepml apply: friend trees and score files that line up with their inputs, with the run's own
// predictions, and with the fold that did not see each event.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { BranchRequest } from '../../src/core/expr/chunks';
import { readCsv } from '../../src/core/data/csv';
import { readRoot, rootTreeTable } from '../../src/core/data/root';
import type { TrainSummary } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { REPO, tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/** predictions.csv as rows: source, entry, set, score (signal probability), fold. */
function predictions(runDir: string) {
  const [header, ...lines] = fs.readFileSync(path.join(runDir, 'predictions.csv'), 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const at = (name: string) => cells[names.indexOf(name)];
    return { source: Number(at('source')), entry: Number(at('entry')), set: at('set'), score: Number(at(names.find((n) => n.startsWith('score_'))!)), fold: at('fold') };
  });
}

const numbers = (names: string[]): BranchRequest[] => names.map((name) => ({ name, kind: 'number', role: 'test' }));

describe('hepml apply', () => {
  it('writes a friend tree per input tree: the same entries, the run\'s own test scores, inputs untouched', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(REPO, 'examples', 'higgs', 'Higgs_data.root'), path.join(dir, 'Higgs_data.root'));
    const config = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'higgs', 'higgs.hepml.json'), 'utf8'));
    config.training.epochs = 2;
    fs.writeFileSync(path.join(dir, 'higgs.hepml.json'), JSON.stringify(config));
    const summary = lastJson<TrainSummary>(hepml(['train', 'higgs.hepml.json', '--json'], { cwd: dir }).stdout);
    const before = hash(path.join(dir, 'Higgs_data.root'));
    const result = hepml(['apply', summary.runDir, 'Higgs_data.root', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(hash(path.join(dir, 'Higgs_data.root')), before, 'the input is not modified');
    const output = path.join(dir, 'Higgs_data.score.root');
    const trees = ['sig_tree', 'bkg_tree'];
    const expected = predictions(summary.runDir);
    let compared = 0;
    for (const [source, tree] of trees.entries()) {
      const input = await rootTreeTable(path.join(dir, 'Higgs_data.root'), tree);
      const friend = await readRoot(output, tree, numbers(['score', 'passed']));
      assert.equal(friend.entries, input.entries, `${tree}: one friend entry per input entry`);
      const scores = friend.numbers.get('score')!;
      assert.ok(friend.numbers.get('passed')!.every((p) => p === 1), 'no selection: every event passes');
      for (const p of expected.filter((row) => row.source === source)) {
        assert.ok(Math.abs(scores[p.entry] - p.score) <= 1e-6, `${tree} entry ${p.entry}: ${scores[p.entry]} vs the run's ${p.score}`);
        compared++;
      }
    }
    assert.equal(compared, 4000, 'every test event compared');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temporary file left');
  });

  it('with folds: every event of the training file gets the score of the one model that did not see it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(900));
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig({ folds: { k: 3, by: 'entry' }, split: { testSelection: 'entry % 5 == 0' } })));
    const summary = lastJson<TrainSummary>(hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir }).stdout);
    const result = hepml(['apply', summary.runDir, 'events.csv', '--with-columns'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /3 fold models, routed by entry/);
    const [header, ...lines] = fs.readFileSync(path.join(dir, 'events.score.csv'), 'utf8').trim().split('\n');
    assert.equal(header, 'x1,x2,noise,w,label,score,passed');
    assert.equal(lines.length, 900, 'one line per input line');
    const input = fs.readFileSync(path.join(dir, 'events.csv'), 'utf8').trim().split('\n').slice(1);
    lines.forEach((line, i) => assert.ok(line.startsWith(input[i] + ','), `line ${i} keeps the input's columns`));
    const scores = lines.map((line) => Number(line.split(',')[5]));
    const expected = predictions(summary.runDir);
    assert.equal(expected.length, 900, 'predictions.csv: test events and every training event out of fold');
    for (const p of expected) assert.ok(Math.abs(scores[p.entry] - p.score) <= 1e-6, `entry ${p.entry} (${p.set}, fold ${p.fold}): ${scores[p.entry]} vs ${p.score}`);
  });

  it('scores several classes into score_<class> branches, and names what a file lacks', async () => {
    const dir = tempDir();
    for (const f of ['single_top.root', 'ww.root', 'zz.root']) fs.copyFileSync(path.join(REPO, 'examples', 'cms-processes', f), path.join(dir, f));
    const config = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'cms-processes', 'cms.hepml.json'), 'utf8'));
    config.training.epochs = 2;
    fs.writeFileSync(path.join(dir, 'cms.hepml.json'), JSON.stringify(config));
    const summary = lastJson<TrainSummary>(hepml(['train', 'cms.hepml.json', '--json'], { cwd: dir }).stdout);
    const result = hepml(['apply', summary.runDir, 'ww.root', '--out', 'scored', '--branch', 'dnn'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const friend = await readRoot(path.join(dir, 'scored', 'ww.dnn.root'), 'events', numbers(['dnn_single_top', 'dnn_ww', 'dnn_zz']));
    assert.equal(friend.entries, 4580);
    for (let e = 0; e < friend.entries; e++) {
      const sum = friend.numbers.get('dnn_single_top')![e] + friend.numbers.get('dnn_ww')![e] + friend.numbers.get('dnn_zz')![e];
      assert.ok(Math.abs(sum - 1) < 1e-5, `softmax outputs of entry ${e} sum to ${sum}`);
    }
    fs.writeFileSync(path.join(dir, 'other.csv'), 'a,b\n1,2\n');
    const lacking = hepml(['apply', summary.runDir, 'other.csv'], { cwd: dir });
    assert.equal(lacking.status, 1);
    assert.match(lacking.stderr, /other\.csv: the run's feature "NJet": other\.csv has no column "NJet"/);
    const csv = await readCsv(path.join(dir, 'other.csv'), numbers(['a']));
    assert.equal(csv.entries, 1, 'the input is untouched');
  });
});
