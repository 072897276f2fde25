// hepml search with constraints and two objectives, end to end: an overtrained trial is
// infeasible, never best; a Pareto front is found, drawn, and its one-standard-error trial refitted.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SearchSummary, TrialRecord } from '../../src/shared/search';
import { createRng } from '../../src/core/util/random';
import { needChromium, renderedDom } from '../helpers/chromium';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { lastJson } from '../helpers/searchProcess';
import { gaussian } from '../helpers/synthetic';

const FEATURES = ['x1', 'x2', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'];

/** 600 events, classes barely apart in x1 and x2, six noise features: a wide network trained long memorises them. */
function overlappingCsv(): string {
  const rng = createRng('overtrain');
  const lines = [[...FEATURES, 'label'].join(',')];
  for (let i = 0; i < 600; i++) {
    const signal = i % 2 === 0;
    const shift = signal ? 0.5 : 0;
    const values = [gaussian(rng) + shift, gaussian(rng) - shift, ...Array.from({ length: 6 }, () => gaussian(rng))];
    lines.push(`${values.map((v) => v.toFixed(5)).join(',')},${signal ? 's' : 'b'}`);
  }
  return lines.join('\n') + '\n';
}

function workspace(search: Record<string, unknown>): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'events.csv'), overlappingCsv());
  const config = {
    name: 'overtrain',
    data: { sources: [{ path: 'events.csv' }], features: FEATURES, label: { column: 'label', map: { s: 'signal', b: 'background' } } },
    model: { hidden: { layers: 2, units: 8 } },
    training: { epochs: 60, batchSize: 32, learningRate: 0.01, validationFraction: 0, earlyStopping: false, seed: 2 },
    search: { method: 'grid', space: { 'model.hidden.units': { values: [4, 256] }, 'training.epochs': { values: [2, 60] } }, cv: 2, ...search },
  };
  fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(config, null, 2));
  return dir;
}

const trialsOf = (summary: SearchSummary) => JSON.parse(fs.readFileSync(path.join(summary.runDir, 'trials.json'), 'utf8')) as TrialRecord[];

describe('hepml search with constraints', () => {
  it('marks the overtrained trial infeasible (KS p-value below ksPValueMin), never best; the report says why', () => {
    const dir = workspace({ constraints: { ksPValueMin: 0.05, maxParameters: 100000 } });
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJson<SearchSummary>(result.stdout);
    const trials = trialsOf(summary);
    const overtrained = trials.find((t) => t.params['model.hidden.units'] === 256 && t.params['training.epochs'] === 60)!;
    assert.ok(overtrained.constraints!.ksPValue! < 1e-4, `overtrained KS p-value ${overtrained.constraints!.ksPValue}`);
    assert.match(overtrained.violations![0], /^KS p-value \S+ < ksPValueMin 0\.05$/);
    for (const trial of trials) {
      assert.equal(trial.violations!.length > 0, trial.constraints!.ksPValue! < 0.05, `trial ${trial.trial}: infeasible exactly when its p-value is below the limit`);
      assert.ok(trial.constraints!.parameters! > 0 && trial.constraints!.fitSeconds! > 0);
    }
    assert.equal(summary.infeasible, trials.filter((t) => t.violations!.length).length);
    const feasible = trials.filter((t) => !t.violations!.length);
    assert.equal(summary.best!.score, feasible.reduce((best, t) => Math.max(best, t.score!), -Infinity), 'the best is the best feasible trial');
    assert.match(result.stderr, /; [1-9] infeasible$/m);
    const report = fs.readFileSync(path.join(summary.runDir, 'report.html'), 'utf8');
    assert.match(report, /infeasible: KS p-value/);
    assert.match(report, /ksPValueMin 0\.05, maxParameters 100000/);
  });

  it('with no trial keeping the constraints: no best, no refit, and says so', () => {
    const dir = workspace({ constraints: { maxParameters: 10 } });
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJson<SearchSummary>(result.stdout);
    assert.equal(summary.best, null);
    assert.equal(summary.test, null);
    assert.equal(summary.infeasible, 4);
    assert.match(result.stderr, /best auc none: no completed trial kept the constraints \(4 broke them/);
    assert.ok(trialsOf(summary).every((t) => t.constraints!.ksPValue === undefined), 'no KS test without ksPValueMin');
  });

  it('refuses LCB in a constrained Bayesian search, naming the field', () => {
    const dir = workspace({ method: 'bayes', space: { 'model.hidden.units': { type: 'integer', low: 4, high: 256 } }, acqFunc: 'LCB', constraints: { ksPValueMin: 0.05 } });
    const result = hepml(['validate', 's.hepml.json'], { cwd: dir });
    assert.notEqual(result.status, 0);
    assert.match(result.stdout + result.stderr, /s\.hepml\.json:\d+:\d+: .*"LCB" cannot weigh constraints/);
  });

  it('two objectives (auc, parameters): the Pareto front of the completed trials, the one-standard-error refit, the front drawn', (t) => {
    const dir = workspace({ method: 'random', space: { 'model.hidden.units': { type: 'integer', low: 2, high: 128 }, 'model.hidden.layers': { type: 'integer', low: 1, high: 3 } }, nCalls: 12, randomState: 4, objectives: ['auc', 'parameters'] });
    const config = JSON.parse(fs.readFileSync(path.join(dir, 's.hepml.json'), 'utf8'));
    config.training.epochs = 5;
    fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(config));
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJson<SearchSummary>(result.stdout);
    const trials = trialsOf(summary).filter((t) => t.status === 'completed');
    // The front by its definition: no other trial has at least the AUC with at most the parameters, better in one.
    const dominated = (a: TrialRecord) => trials.some((b) => b.objectives![0] >= a.objectives![0] && b.objectives![1] <= a.objectives![1] && (b.objectives![0] > a.objectives![0] || b.objectives![1] < a.objectives![1]));
    assert.deepEqual(summary.pareto!.front, trials.filter((t) => !dominated(t)).map((t) => t.trial));
    assert.ok(summary.pareto!.front.length >= 2, `front of ${summary.pareto!.front.length}`);
    const front = trials.filter((t) => summary.pareto!.front.includes(t.trial));
    const top = front.reduce((a, b) => (b.score! > a.score! ? b : a));
    const close = front.filter((f) => f.score! >= top.score! - top.std!);
    const expected = close.reduce((a, b) => (b.objectives![1] < a.objectives![1] ? b : a));
    assert.deepEqual(summary.best!.params, expected.params, 'the fewest parameters within one std of the best AUC');
    assert.ok(trials.every((t) => t.objectives![1] === t.constraints?.parameters || t.constraints === undefined));
    assert.match(result.stderr, /^Pareto front of auc and parameters: trials [\d, ]+; refitted trial \d+/m);
    const chromium = needChromium(t);
    if (!chromium) return;
    const dom = renderedDom(chromium, `file://${path.join(summary.runDir, 'report.html')}`);
    const at = dom.indexOf('Pareto front: auc against parameters');
    assert.ok(at >= 0, 'the report has the Pareto plot');
    const section = dom.slice(at, dom.indexOf('</section>', at));
    assert.match(section, /<svg[\s\S]*(role-mark|class="mark-)/, 'the Pareto plot draws marks');
    assert.doesNotMatch(section, /Could not draw/);
  });
});
