// A search keeps each trial's folds in trials/<n>/, and a trial's dashboard draws from them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { aucFromHistogram, parseTrialDirectory, trialSpecs } from '../../src/core/report/trialSpecs';
import { readFoldOutcomes, trialDirectory } from '../../src/core/execution/trialFolder';
import type { SearchSummary } from '../../src/shared/search';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { journalOf, lastJson } from '../helpers/searchProcess';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

describe('a trial of a search', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(900));
  const search = { method: 'grid', space: { 'training.learningRate': { values: [0.01, 0.03] } }, cv: 3 };
  fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(tinyConfig({ training: { epochs: 4, batchSize: 64, validationFraction: 0.2, seed: 2 }, search }), null, 2));
  let runDir = '';

  it('keeps every fold whole in trials/<n>/ (loss per epoch, binned held-out predictions); the journal keeps only what a resume needs', () => {
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    runDir = lastJson<SearchSummary>(result.stdout).runDir;
    for (const trial of [0, 1]) {
      const folds = readFoldOutcomes(runDir, trial, 3);
      assert.equal(folds.size, 3);
      for (const outcome of folds.values()) {
        assert.equal(outcome.history!.length, outcome.epochs);
        assert.ok(outcome.history!.every((e) => e.loss > 0 && e.val_loss! > 0));
        const histogram = outcome.heldOutHistogram!;
        assert.equal(histogram.signal.length, 100);
        assert.ok(histogram.signal.every((w) => w >= 0) && histogram.background.every((w) => w >= 0));
        // Bins hold event weights (the config has a weight column): their ROC is the weighted one, up to ties inside a bin.
        assert.ok(Math.abs(aucFromHistogram(histogram) - outcome.scores.weighted_auc) < 0.01, `binned ${aucFromHistogram(histogram)} vs exact ${outcome.scores.weighted_auc}`);
      }
    }
    const folds = journalOf(runDir).records.filter((r) => r.type === 'fold') as unknown as { outcome: Record<string, unknown> }[];
    assert.equal(folds.length, 6);
    assert.ok(folds.every((r) => !('history' in r.outcome) && !('heldOutHistogram' in r.outcome) && typeof r.outcome.scores === 'object'));
  });

  it('draws fold scores, loss per epoch, ROC per fold and held-out score distributions, each a valid Vega-Lite spec', async () => {
    // vega-lite is ESM only (with top-level await): loaded as such.
    const { compile } = await import('vega-lite');
    const shown = trialSpecs(runDir, 1);
    assert.match(shown.title, /: trial 2 of the grid search: completed, auc 0\.\d{4}$/);
    assert.deepEqual(shown.specs.map((s) => s.id), ['fold-scores', 'history', 'roc', 'distributions']);
    for (const { spec } of shown.specs) compile(spec as never);
    const roc = shown.specs.find((s) => s.id === 'roc')!.spec as { data: { values: { fold: string }[] } };
    assert.deepEqual([...new Set(roc.data.values.map((v) => v.fold.replace(/ \(.*/, '')))], ['fold 1', 'fold 2', 'fold 3']);
  });

  it('names a trial by its folder, and nothing else', () => {
    assert.deepEqual(parseTrialDirectory(trialDirectory(runDir, 1)), { runDir, trial: 1 });
    assert.equal(parseTrialDirectory(runDir), undefined);
    assert.equal(parseTrialDirectory(path.join(runDir, 'trials', '..', 'x')), undefined);
    assert.equal(parseTrialDirectory(path.join(dir, 'trials', '1')), undefined, 'a trials folder outside a search run');
  });
});
