// Physics figures of merit where a scoring is chosen (search, curves), and hepml wp.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TrainSummary } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

describe('physics scorings', () => {
  it('a grid search ranks by rejection@0.5 end to end, and a validation curve draws the Asimov significance', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(800));
    const search = { method: 'grid', space: { 'training.learningRate': { values: [0.002, 0.02] } }, cv: 2, scoring: 'rejection@0.5', nJobs: 1 };
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig({ search, analysis: { scoring: 'asimov', cv: 2 } })));
    const result = hepml(['search', 'exp.hepml.json', '--json', '--jobs', '1'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJson<{ best: { score: number }; runDir: string }>(result.stdout);
    assert.ok(summary.best.score > 1 && Number.isFinite(summary.best.score), `rejection at 50% signal efficiency: ${summary.best.score}`);
    assert.match(result.stdout + result.stderr, /rejection@0\.5=\d/);
    // The search's report shows the refit's working points and its cut slider with the best-Z cut.
    const report = fs.readFileSync(path.join(summary.runDir, 'report.html'), 'utf8');
    assert.match(report, /Refit: Working points \(test events/);
    assert.match(report, /Refit: Cut on the output: S, B and significance \(best Asimov Z [\d.]+ at [\d.]+\)/);
    const curve = hepml(['curve', 'validation', 'exp.hepml.json', '--param', 'training.learningRate', '--values', '0.005,0.02', '--json'], { cwd: dir });
    assert.equal(curve.status, 0, curve.stderr);
    const points = lastJson<{ scoring: string; validation: { mean: number[] } }>(curve.stdout);
    assert.equal(points.scoring, 'asimov');
    assert.ok(points.validation.mean.every((z) => z > 0), `Asimov Z per point: ${points.validation.mean.join(', ')}`);
  });

  it('hepml wp prints the working points and the best-Z cut of a trained run; the report has the table and the slider', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(800));
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig()));
    const summary = lastJson<TrainSummary>(hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir }).stdout);
    const text = hepml(['wp', summary.runDir], { cwd: dir });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /signal efficiency 0\.5 +cut /);
    assert.match(text.stdout, /largest Asimov Z +cut /);
    const json = lastJson<{ points: { target: string; signalEfficiency: number }[]; best: { asimov: number } }>(hepml(['wp', summary.runDir, '--json'], { cwd: dir }).stdout);
    assert.equal(json.points.length, 13);
    assert.ok(json.points[2].signalEfficiency >= 0.5 && json.points[2].signalEfficiency < 0.52);
    const report = fs.readFileSync(path.join(summary.runDir, 'report.html'), 'utf8');
    assert.match(report, /Working points \(test events/);
    assert.match(report, /"bind":\{"input":"range"/);
  });
});
