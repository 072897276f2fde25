// Kill loop: searches SIGKILLed at seeded random moments (the driver, or one of its workers),
// resumed, and compared with an uninterrupted run of the same seed. HEPML_KILL_ITERATIONS sets
// the number of kills (default 6, bounded for CI).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SearchEvent, SearchSummary } from '../../src/shared/search';
import { createRng } from '../../src/core/util/random';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { journalOf, lastJson, onlyRun, startSearch } from '../helpers/searchProcess';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

const ITERATIONS = Number(process.env.HEPML_KILL_ITERATIONS ?? 6);
const SEARCH = { method: 'grid', cv: 2, maxRetries: 3, space: { 'model.hidden.units': { values: [4, 8] }, 'training.learningRate': { values: [0.01, 0.03] } } };

// A random search whose learning rates span four decades, so the pruner stops many trials.
const PRUNED_SEARCH = { method: 'random', cv: 2, nCalls: 8, randomState: 3, maxRetries: 3, pruner: { type: 'asha', reductionFactor: 2 }, space: { 'training.learningRate': { type: 'real', low: 0.0001, high: 0.3, prior: 'log-uniform' } } };

function workspace(search: object = SEARCH): string {
  const dir = tempDir('hepml-kill-');
  fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(1500));
  const config = tinyConfig({ training: { epochs: 8, batchSize: 64, learningRate: 0.02, validationFraction: 0, earlyStopping: false, seed: 2 }, search });
  fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(config, null, 2));
  return dir;
}

type Fold = Extract<SearchEvent, { type: 'fold' }>;
const foldKey = (r: Fold) => `${r.trial}:${r.fold}`;

/** The journal's checks that hold after any kill and resume. */
function assertCompleteJournal(runDir: string, trials: number, folds: number): void {
  const journal = journalOf(runDir);
  assert.equal(journal.damagedLines, 0, 'the resumed journal has no damaged line');
  const foldRecords = journal.records.filter((r): r is Fold => r.type === 'fold');
  assert.equal(new Set(foldRecords.map(foldKey)).size, foldRecords.length, 'no fold journalled twice');
  assert.equal(foldRecords.length, trials * folds, 'every fold of every trial journalled');
  const told = journal.records.filter((r) => r.type === 'told').map((r) => (r as { trial: number }).trial);
  assert.deepEqual([...told].sort(), Array.from({ length: trials }, (_, i) => i), 'every trial told exactly once');
}

describe('kill loop', { concurrency: 1 }, () => {
  it(`survives ${ITERATIONS} SIGKILLs at seeded random moments of searches (driver or worker): nothing finished is redone or changed, the result equals an uninterrupted run`, async () => {
    const reference = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: workspace() });
    assert.equal(reference.status, 0, reference.stderr);
    const expected = lastJson<SearchSummary>(reference.stdout);
    const rng = createRng('kill-loop');
    // driver: the search process killed; workerMidFold: a worker killed during a fold (retried);
    // missed: the search ended first, or the worker was idle between folds (replaced, nothing lost).
    const tally = { driver: 0, workerMidFold: 0, missed: 0 };
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const dir = workspace();
      const target = iteration % 2 === 0 ? 'driver' : 'worker';
      // A moment between the first and the last fit: after this many fold lines plus a random delay.
      const afterFolds = Math.floor(rng() * 5);
      const delayMs = Math.floor(rng() * 250);
      let workers: number[] = [];
      let folds = 0;
      let armed = false;
      const first = await startSearch(dir, ['--jobs', '2'], (line, child) => {
        if (line.startsWith('workers: ')) workers = line.slice(9).split(' ').map(Number);
        if (line.startsWith('[CV')) folds++;
        if (armed || folds < afterFolds || workers.length === 0) return;
        armed = true;
        const victim = target === 'driver' ? child.pid! : workers[Math.floor(rng() * workers.length)];
        setTimeout(() => {
          try {
            process.kill(victim, 'SIGKILL');
          } catch {
            // Already gone: the search finished first; counted below.
          }
        }, delayMs);
      });
      const runDir = onlyRun(dir);
      let summary: SearchSummary;
      if (first.signal === 'SIGKILL') {
        tally.driver++;
        // Everything intact in the journal before the kill must survive the resume byte for byte.
        const journalFile = path.join(runDir, 'journal.jsonl');
        const intactBefore = fs.readFileSync(journalFile).subarray(0, journalOf(runDir).intactBytes);
        const resumed = await startSearch(dir, ['--jobs', '2', '--resume', runDir]);
        assert.equal(resumed.code, 0, `iteration ${iteration}: ${resumed.lines.join('\n')}`);
        assert.ok(fs.readFileSync(journalFile).subarray(0, intactBefore.length).equals(intactBefore), `iteration ${iteration}: the journal before the kill is unchanged`);
        summary = lastJson<SearchSummary>(resumed.stdout);
      } else {
        // The worker was killed (or the search ended before the timer fired): it finishes by itself.
        assert.equal(first.code, 0, `iteration ${iteration}: ${first.lines.join('\n')}`);
        if (target === 'worker' && first.lines.some((l) => /retrying$/.test(l))) tally.workerMidFold++;
        else tally.missed++;
        summary = lastJson<SearchSummary>(first.stdout);
      }
      assertCompleteJournal(runDir, 4, 2);
      assert.deepEqual(summary.best, expected.best, `iteration ${iteration}: same best as the uninterrupted run`);
      assert.equal(summary.test?.auc, expected.test?.auc);
    }
    process.stdout.write(`kill loop: ${JSON.stringify({ iterations: ITERATIONS, ...tally })}\n`);
    assert.ok(tally.driver + tally.workerMidFold >= ITERATIONS / 2, `most kills landed mid-search: ${JSON.stringify(tally)}`);
  });

  it('kills the driver while a prune decision is in flight: the resume prunes or completes each trial once, never both', async () => {
    const rng = createRng('kill-loop-prune');
    let landed = 0;
    for (let iteration = 0; iteration < Math.max(2, ITERATIONS / 2); iteration++) {
      const dir = workspace(PRUNED_SEARCH);
      // The decision is journalled before its log line; the workers are still stopping the folds.
      const delayMs = Math.floor(rng() * 80);
      let armed = false;
      const first = await startSearch(dir, ['--jobs', '2'], (line, child) => {
        if (armed || !/pruned after epoch/.test(line)) return;
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
      const runDir = onlyRun(dir);
      if (first.signal === 'SIGKILL') {
        landed++;
        const resumed = await startSearch(dir, ['--jobs', '2', '--resume', runDir]);
        assert.equal(resumed.code, 0, `iteration ${iteration}: ${resumed.lines.join('\n')}`);
      } else {
        assert.equal(first.code, 0, `iteration ${iteration}: ${first.lines.join('\n')}`);
      }
      const journal = journalOf(runDir);
      assert.equal(journal.damagedLines, 0);
      const ends = new Map<number, string[]>();
      for (const r of journal.records) if (r.type === 'told' || r.type === 'pruned' || r.type === 'failed') ends.set(r.trial, [...(ends.get(r.trial) ?? []), r.type]);
      for (let trial = 0; trial < PRUNED_SEARCH.nCalls; trial++) assert.equal(ends.get(trial)?.length, 1, `iteration ${iteration}: trial ${trial} ended once (${ends.get(trial)})`);
      const asked = journal.records.filter((r) => r.type === 'asked').map((r) => (r as { trial: number }).trial);
      assert.equal(new Set(asked).size, asked.length, 'no trial asked twice');
      const prunedAt = new Map<number, number>();
      journal.records.forEach((r, index) => r.type === 'pruned' && prunedAt.set(r.trial, index));
      journal.records.forEach((r, index) => {
        if (r.type === 'fold' && prunedAt.has(r.trial)) assert.ok(index < prunedAt.get(r.trial)!, `iteration ${iteration}: no fold of trial ${r.trial} journalled after its prune`);
      });
      assert.ok(prunedAt.size > 0, 'the search pruned trials');
      const trials = JSON.parse(fs.readFileSync(path.join(runDir, 'trials.json'), 'utf8')) as { trial: number; status: string }[];
      assert.deepEqual(trials.filter((t) => t.status === 'pruned').map((t) => t.trial).sort(), [...prunedAt.keys()].sort(), 'trials.json says pruned for exactly the journalled prunes');
    }
    process.stdout.write(`kill loop (pruned): ${landed} kills landed mid-search\n`);
    assert.ok(landed >= 1, 'a kill landed while the search ran');
  });
});
