// hepml search end to end, with real worker processes, crashes and resume.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SearchEvent, SearchSummary, TrialRecord } from '../../src/shared/search';
import type { SearchProgress } from '../../src/shared/searchProgress';
import { needChromium, renderedDom } from '../helpers/chromium';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { journalOf, lastJson, onlyRun, startSearch } from '../helpers/searchProcess';
import { parseSearchProgress } from '../../src/core/protocol/searchProgress';
import { FitCount } from '../../src/core/protocol/fitCount';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

function searchWorkspace(search: Record<string, unknown>, training: Record<string, unknown> = {}, events = 600): { dir: string } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(events));
  const config = tinyConfig({ training: { epochs: 2, batchSize: 64, learningRate: 0.02, validationFraction: 0, earlyStopping: false, seed: 2, ...training }, search });
  fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(config, null, 2));
  return { dir };
}

describe('hepml search', () => {
  it('runs a grid with k-fold CV and refit: verbose lines, JSON contract, journal, trials and report', (t) => {
    const { dir } = searchWorkspace({ method: 'grid', space: { 'model.hidden.units': { values: [4, 8] }, 'training.learningRate': { values: [0.01, 0.03] } }, cv: 2 });
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /^Fitting 2 folds for each of 4 candidates, totalling 8 fits$/m);
    assert.match(result.stderr, /^\[CV 2\/2\] units=8, learningRate=0\.03 \.{5} auc=0\.\d{3} total=\d+\.\ds$/m);
    assert.match(result.stderr, /^elapsed \d+\.\ds$/m);
    const summary = lastJson<SearchSummary>(result.stdout);
    assert.deepEqual(Object.keys(summary).sort(), ['best', 'method', 'pruned', 'runDir', 'seconds', 'test', 'trials']);
    assert.equal(summary.trials, 4);
    assert.equal(summary.pruned, 0, 'no pruner, nothing pruned');
    assert.equal(summary.method, 'grid');
    assert.ok(summary.best && summary.best.score > 0.8 && summary.best.std >= 0);
    assert.ok(summary.test && summary.test.auc > 0.8);
    const trials = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'trials.json'), 'utf8')) as TrialRecord[];
    assert.equal(trials.length, 4);
    assert.deepEqual(trials.map((t) => t.foldScores.length), [2, 2, 2, 2]);
    const best = trials.reduce((a, b) => (b.score! > a.score! ? b : a));
    assert.deepEqual(summary.best.params, best.params);
    const journal = journalOf(summary.runDir);
    assert.equal(journal.damagedLines, 0);
    assert.equal(journal.records.filter((r) => r.type === 'fold').length, 8);
    assert.equal(journal.records.filter((r) => r.type === 'told').length, 4);
    assert.ok(fs.existsSync(path.join(summary.runDir, 'report.html')));
    assert.ok(fs.existsSync(path.join(summary.runDir, 'refit', 'model', 'model.json')));
    assert.ok(!fs.existsSync(path.join(summary.runDir, 'lock')), 'the lock is released');
    const chromium = needChromium(t);
    if (!chromium) return;
    const dom = renderedDom(chromium, `file://${path.join(summary.runDir, 'report.html')}`);
    const plots = dom.split('class="plot').slice(1);
    assert.ok(plots.length >= 5, `${plots.length} plots`);
    for (const plot of plots) {
      const body = plot.slice(0, plot.indexOf('</section>'));
      assert.match(body, /<svg[\s\S]*(role-mark|class="mark-)/, 'every plot draws marks');
      assert.doesNotMatch(body, /Could not draw/);
    }
    assert.match(dom, /<h2>Trials<\/h2>/);
  });

  it('prunes hopeless trials (asha): journalled with fold and epoch, never best, counted, marked in trials.json, events and report', (t) => {
    const { dir } = searchWorkspace({ method: 'random', space: { 'training.learningRate': { type: 'real', low: 0.0001, high: 0.3, prior: 'log-uniform' } }, nCalls: 8, cv: 2, randomState: 3, pruner: { type: 'asha', reductionFactor: 2 } }, { epochs: 8 }, 1500);
    const result = hepml(['search', 's.hepml.json', '--events', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /pruner: asha$/m);
    assert.match(result.stderr, /^\[CV [12]\/2\] learningRate=[\d.e-]+ \.{5} pruned after epoch \d \(auc=0\.\d{4}\)$/m);
    const events = result.stdout.trim().split('\n').map(parseSearchProgress);
    assert.ok(events.every((e) => e !== undefined), 'every stdout line is an event');
    const of = <T extends string>(type: T) => events.filter((e): e is Extract<SearchProgress, { type: T }> => e!.type === type);
    const summaryEvent = of('summary')[0];
    assert.ok(summaryEvent.pruned >= 2, `${summaryEvent.pruned} trials pruned`);
    assert.equal(summaryEvent.completed + summaryEvent.pruned + summaryEvent.failed, 8);
    assert.equal(of('trialStarted').length, 8);
    assert.equal(of('trialPruned').length, summaryEvent.pruned);
    // The status bar's count ends with every fit settled: a pruned trial's other folds never run.
    const count = new FitCount();
    events.forEach((e) => count.follow(e!));
    assert.equal(count.text, `16/16 fits, ${summaryEvent.pruned} pruned`);
    const runDir = onlyRun(dir);
    const journal = journalOf(runDir);
    const pruned = journal.records.filter((r): r is Extract<SearchEvent, { type: 'pruned' }> => r.type === 'pruned');
    assert.deepEqual(pruned.map((r) => r.trial).sort(), of('trialPruned').map((e) => e.trial).sort());
    for (const r of pruned) assert.ok(r.epoch >= 1 && r.epoch <= 8 && r.curve.length === r.epoch && r.fold >= 0 && r.fold < 2);
    const trials = JSON.parse(fs.readFileSync(path.join(runDir, 'trials.json'), 'utf8')) as TrialRecord[];
    const prunedTrials = trials.filter((tr) => tr.status === 'pruned');
    assert.equal(prunedTrials.length, pruned.length);
    assert.ok(prunedTrials.every((tr) => tr.pruned && tr.score === undefined));
    assert.notEqual(summaryEvent.bestTrial, null);
    assert.equal(trials[summaryEvent.bestTrial!].status, 'completed', 'the best trial is a completed one');
    const chromium = needChromium(t);
    if (!chromium) return;
    const dom = renderedDom(chromium, `file://${path.join(runDir, 'report.html')}`);
    assert.match(dom, /pruned at fold \d, epoch \d/, 'the trials table says where each pruned trial stopped');
    assert.match(dom, /<th>pruned trials<\/th><td>\d+<\/td>/);
  });

  it('retries the fold of a worker killed with SIGKILL and completes the search', async () => {
    const { dir } = searchWorkspace({ method: 'random', space: { 'training.learningRate': { type: 'real', low: 0.005, high: 0.05, prior: 'log-uniform' } }, nCalls: 3, cv: 2, randomState: 1, maxRetries: 2 }, { epochs: 40 }, 2000);
    let workers: number[] = [];
    let killed = false;
    const result = await startSearch(dir, ['--jobs', '2', '--events'], (line) => {
      if (line.startsWith('workers: ')) workers = line.slice(9).split(' ').map(Number);
      if (!killed && workers.length > 0 && line.startsWith('[CV')) {
        killed = true;
        process.kill(workers[0], 'SIGKILL');
      }
    });
    assert.equal(result.code, 0);
    assert.ok(killed);
    const summary = lastJson<SearchSummary>(result.stdout);
    const journal = journalOf(summary.runDir);
    assert.equal(journal.records.filter((r) => r.type === 'told').length, 3, 'every trial completed');
    assert.equal(journal.records.filter((r) => r.type === 'failed').length, 0);
    // --events: typed progress on stdout before the summary; a retried fold is not counted as a fit done.
    const events = result.stdout.trim().split('\n').slice(0, -1).map(parseSearchProgress);
    assert.ok(events.every((e) => e !== undefined), 'every line before the summary is an event');
    const of = (type: string) => events.filter((e) => e!.type === type);
    assert.deepEqual(of('planned'), [{ type: 'planned', folds: 2, candidates: 3, fits: 6, resumedTrials: 0 }]);
    assert.equal(of('foldDone').length, 6, 'one foldDone per fit');
    assert.equal(of('trialTold').length, 3);
    assert.equal(of('refit').length, 1);
    // The editor's status bar counts from these events: the retried fold is not counted twice.
    const count = new FitCount();
    events.forEach((e) => count.follow(e!));
    assert.equal(count.text, '6/6 fits');
    const retried = of('foldRetried').length;
    assert.equal(result.lines.filter((l) => l.startsWith('[CV')).length, 6 + retried, 'the human log has a [CV line per fit and per retry');
  });

  it('kills a worker that stops answering (SIGSTOP), retries its fold and completes the search', async () => {
    const { dir } = searchWorkspace({ method: 'random', space: { 'training.learningRate': { type: 'real', low: 0.005, high: 0.05 } }, nCalls: 2, cv: 2, randomState: 4, maxRetries: 2 }, { epochs: 40 }, 2000);
    let workers: number[] = [];
    let stopped = false;
    const lines: string[] = [];
    const result = await startSearch(dir, ['--jobs', '2'], (line) => {
      lines.push(line);
      if (line.startsWith('workers: ')) workers = line.slice(9).split(' ').map(Number);
      if (!stopped && workers.length > 0 && line.startsWith('[CV')) {
        stopped = true;
        process.kill(workers[1], 'SIGSTOP');
      }
    }, { HEPML_HEARTBEAT_TIMEOUT_MS: '2000' });
    assert.equal(result.code, 0, lines.join('\n'));
    assert.ok(lines.some((l) => /stopped answering/.test(l)), 'the hung worker was detected');
    const summary = lastJson<SearchSummary>(result.stdout);
    assert.equal(journalOf(summary.runDir).records.filter((r) => r.type === 'told').length, 2);
    assert.throws(() => process.kill(workers[1], 0), 'the stopped worker is gone');
  });

  it('resumes a SIGKILLed search: no finished trial runs twice, the journal stays intact, the result equals an uninterrupted run', async () => {
    const search = { method: 'bayes', space: { 'training.learningRate': { type: 'real', low: 0.005, high: 0.05, prior: 'log-uniform' }, 'model.hidden.units': { type: 'integer', low: 2, high: 12 } }, nCalls: 6, nInitialPoints: 3, acqFunc: 'EI', cv: 2, randomState: 3 };
    const reference = searchWorkspace(search, { epochs: 6 }, 1200);
    const uninterrupted = hepml(['search', 's.hepml.json', '--json', '--jobs', '1'], { cwd: reference.dir });
    assert.equal(uninterrupted.status, 0, uninterrupted.stderr);
    const expected = lastJson<SearchSummary>(uninterrupted.stdout);

    const { dir } = searchWorkspace(search, { epochs: 6 }, 1200);
    let folds = 0;
    const killed = await startSearch(dir, ['--jobs', '1'], (line, child) => {
      if (line.startsWith('[CV') && ++folds === 5) child.kill('SIGKILL');
    });
    assert.equal(killed.signal, 'SIGKILL');
    const runDir = path.join(dir, '.hepml', 'runs', fs.readdirSync(path.join(dir, '.hepml', 'runs'))[0]);
    const before = journalOf(runDir).records;
    const toldBefore = before.filter((r) => r.type === 'told').map((r) => (r as { trial: number }).trial);
    assert.ok(toldBefore.length >= 1 && toldBefore.length < 6);

    const resumed = hepml(['search', 's.hepml.json', '--json', '--jobs', '1', '--resume', runDir], { cwd: dir });
    assert.equal(resumed.status, 0, resumed.stderr);
    const summary = lastJson<SearchSummary>(resumed.stdout);
    const journal = journalOf(runDir);
    assert.equal(journal.damagedLines, 0);
    const told = journal.records.filter((r) => r.type === 'told').map((r) => (r as { trial: number }).trial);
    assert.equal(told.length, 6);
    assert.equal(new Set(told).size, 6, 'no trial told twice');
    const folds2 = journal.records.filter((r) => r.type === 'fold').map((r) => `${(r as { trial: number }).trial}:${(r as { fold: number }).fold}`);
    assert.equal(new Set(folds2).size, folds2.length, 'no finished fold ran twice');
    assert.equal(folds2.length, 12);
    assert.deepEqual(summary.best, expected.best, 'the resumed search ends where an uninterrupted one does');
  });

  it('refuses a second search on a run a live process holds', async () => {
    const { dir } = searchWorkspace({ method: 'grid', space: { 'training.learningRate': { values: [0.01, 0.02, 0.03] } }, cv: 2 }, { epochs: 30 }, 2000);
    let second: ReturnType<typeof hepml> | undefined;
    await startSearch(dir, ['--jobs', '1'], (line, child) => {
      if (second || !line.startsWith('[CV')) return;
      const runDir = path.join(dir, '.hepml', 'runs', fs.readdirSync(path.join(dir, '.hepml', 'runs'))[0]);
      second = hepml(['search', 's.hepml.json', '--resume', runDir], { cwd: dir });
      child.kill('SIGTERM');
    });
    assert.equal(second!.status, 1);
    assert.match(second!.stderr, /this run is in use by process \d+/);
  });

  it('marks a trial whose training diverges as failed, never best, and finishes the search', () => {
    // Unscaled inputs of order 1e30 make SGD overflow; the standard scaler tames them.
    const { dir } = searchWorkspace({ method: 'grid', space: { 'preprocessing.scaler': { values: ['standard', 'none'] } }, cv: 2 }, { epochs: 3, optimizer: 'sgd', learningRate: 10 });
    const scaled = fs.readFileSync(path.join(dir, 'events.csv'), 'utf8').split('\n').map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(',');
      cells[0] = String(Number(cells[0]) * 1e30);
      return cells.join(',');
    });
    fs.writeFileSync(path.join(dir, 'events.csv'), scaled.join('\n'));
    const result = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = lastJson<SearchSummary>(result.stdout);
    const trials = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'trials.json'), 'utf8')) as TrialRecord[];
    const diverged = trials.find((t) => t.params['preprocessing.scaler'] === 'none')!;
    assert.equal(diverged.status, 'failed');
    assert.match(diverged.reason!, /training loss became/);
    assert.equal(summary.best!.params['preprocessing.scaler'], 'standard');
  });
});
