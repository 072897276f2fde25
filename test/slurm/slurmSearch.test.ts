// The SLURM executor on a real one-node cluster: trials as job arrays, scancel and retry,
// a killed driver resumed. CI starts the cluster with test/slurm/cluster.sh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ClusterJob, SearchEvent, SearchSummary, TrialRecord } from '../../src/shared/search';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { journalOf, lastJson, onlyRun, startSearch } from '../helpers/searchProcess';
import { liveJobs, needSlurm } from '../helpers/slurm';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

const RANDOM_SEARCH = {
  method: 'random',
  nCalls: 8,
  randomState: 3,
  cv: 2,
  space: { 'model.hidden.units': { type: 'integer', low: 2, high: 16 }, 'training.learningRate': { type: 'real', low: 0.001, high: 0.1, prior: 'log-uniform' } },
};

function workspace(execution: Record<string, unknown>, search: Record<string, unknown> = RANDOM_SEARCH, epochs = 2, events = 600): string {
  const dir = tempDir('hepml-slurm-');
  fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(events));
  const config = tinyConfig({ training: { epochs, batchSize: 64, learningRate: 0.02, validationFraction: 0, earlyStopping: false, seed: 2 }, search, execution });
  fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(config, null, 2));
  return dir;
}

const SLURM = { backend: 'slurm', maxConcurrentJobs: 2, pollInterval: 0.3 };

function submissions(runDir: string): { trial: number; job: string }[] {
  return journalOf(runDir).records.filter((r): r is Extract<SearchEvent, { type: 'submitted' }> => r.type === 'submitted');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('search on SLURM', { concurrency: 1 }, () => {
  it('runs 8 trials as job arrays, at most 2 jobs at once, and ends with the local executor\'s best for the same seed', async (t) => {
    if (!needSlurm(t)) return;
    const local = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: workspace({ backend: 'local' }) });
    assert.equal(local.status, 0, local.stderr);
    const expected = lastJson<SearchSummary>(local.stdout);

    const dir = workspace(SLURM);
    let jobName = '';
    let mostAtOnce = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        if (jobName) mostAtOnce = Math.max(mostAtOnce, liveJobs(jobName).length);
        await sleep(100);
      }
    })();
    const result = await startSearch(dir, [], (line) => {
      jobName ||= /jobs named (\S+)/.exec(line)?.[1] ?? '';
    });
    watching = false;
    await watcher;
    assert.equal(result.code, 0, result.lines.join('\n'));
    const summary = lastJson<SearchSummary>(result.stdout);
    assert.deepEqual(summary.best, expected.best, 'same best point, score and std as the local executor');
    assert.equal(summary.test?.auc, expected.test?.auc);
    assert.ok(mostAtOnce >= 1 && mostAtOnce <= 2, `${mostAtOnce} jobs queued or running at once`);
    const submitted = submissions(summary.runDir);
    assert.deepEqual(submitted.map((s) => s.trial).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7], 'each trial submitted once');
    assert.ok(new Set(submitted.map((s) => s.job.split('_')[0])).size < 8, 'trials ready together went out as one array');
    assert.ok(result.lines.some((l) => /^slurm: submitted job \d+ \(array of trials \d+, \d+\)$/.test(l)));
    const jobs = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'jobs.json'), 'utf8')) as ClusterJob[];
    assert.deepEqual(jobs.map((j) => j.state), Array(8).fill('DONE'));
    assert.equal(journalOf(summary.runDir).damagedLines, 0);
    assert.match(fs.readFileSync(path.join(summary.runDir, 'slurm', `trial-0-job-${submitted[0].job.split('_')[0]}.out`), 'utf8'), /trial 1 fold 2\/2: auc=/);
  });

  it('resubmits a trial whose job is cancelled with scancel mid-trial; the retry runs only the folds it lacks', async (t) => {
    if (!needSlurm(t)) return;
    const search = { method: 'grid', cv: 3, space: { 'training.learningRate': { values: [0.01, 0.02] } } };
    const dir = workspace({ ...SLURM, maxConcurrentJobs: 1 }, search, 40, 3000);
    let cancelled = '';
    const result = await startSearch(dir, [], (line) => {
      // The first fold of trial 1 is in: its job is mid-trial.
      if (!cancelled && line.startsWith('[CV 1/3]')) {
        const submitted = submissions(onlyRun(dir));
        cancelled = submitted[0].job;
        spawnSync('scancel', [cancelled]);
      }
    });
    assert.equal(result.code, 0, result.lines.join('\n'));
    assert.ok(cancelled, 'a job was cancelled');
    const runDir = onlyRun(dir);
    assert.ok(result.lines.some((l) => l.includes(`job ${cancelled} of trial 1 ended (CANCELLED) before its folds were done; submitting it again`)), result.lines.join('\n'));
    const trial0 = submissions(runDir).filter((s) => s.trial === 0);
    assert.equal(trial0.length, 2, 'trial 1 was submitted twice: the cancelled job and its retry');
    const retryLog = fs.readFileSync(path.join(runDir, 'slurm', `trial-0-job-${trial0[1].job.split('_')[0]}.out`), 'utf8');
    assert.match(retryLog, /trial 1 fold 1\/3: already done/);
    const journal = journalOf(runDir);
    const folds = journal.records.filter((r) => r.type === 'fold').map((r) => `${(r as { trial: number }).trial}:${(r as { fold: number }).fold}`);
    assert.equal(folds.length, 6);
    assert.equal(new Set(folds).size, 6, 'no fold journalled twice');
    assert.equal(journal.records.filter((r) => r.type === 'told').length, 2);
  });

  it('resumes a SIGKILLed driver: re-attaches to its jobs, submits nothing twice, keeps the journal intact', async (t) => {
    if (!needSlurm(t)) return;
    const local = hepml(['search', 's.hepml.json', '--json', '--jobs', '2'], { cwd: workspace({ backend: 'local' }, RANDOM_SEARCH, 20, 1500) });
    assert.equal(local.status, 0, local.stderr);
    const expected = lastJson<SearchSummary>(local.stdout);

    const dir = workspace(SLURM, RANDOM_SEARCH, 20, 1500);
    let submittedLines = 0;
    const killed = await startSearch(dir, [], (line, child) => {
      if (line.startsWith('slurm: submitted job') && ++submittedLines === 2) child.kill('SIGKILL');
    });
    assert.equal(killed.signal, 'SIGKILL');
    const runDir = onlyRun(dir);
    const before = submissions(runDir);
    assert.ok(before.length >= 3 && before.length < 8, `${before.length} trials submitted before the kill`);
    const jobName = `hepml-${path.basename(runDir)}`;
    assert.ok(liveJobs(jobName).length > 0, 'jobs outlive their driver');

    const resumed = await startSearch(dir, ['--resume', runDir]);
    assert.equal(resumed.code, 0, resumed.lines.join('\n'));
    const journal = journalOf(runDir);
    assert.equal(journal.damagedLines, 0, 'the journal is intact');
    const all = submissions(runDir);
    assert.deepEqual(all.slice(0, before.length), before);
    assert.deepEqual(all.map((s) => s.trial).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7], 'no trial submitted twice');
    assert.equal(new Set(all.map((s) => s.job)).size, 8);
    const told = journal.records.filter((r) => r.type === 'told').map((r) => (r as { trial: number }).trial);
    assert.equal(new Set(told).size, 8);
    assert.equal(told.length, 8);
    const summary = lastJson<SearchSummary>(resumed.stdout);
    assert.deepEqual(summary.best, expected.best, 'the resumed cluster search ends with the local best');
    assert.equal(liveJobs(jobName).length, 0);
  });

  it('prunes through the run folder: jobs write their scores per epoch, a pruned trial\'s job stops at its next epoch and runs no further fold; a constraint\'s KS test runs in the jobs', async (t) => {
    if (!needSlurm(t)) return;
    const search = { method: 'random', nCalls: 6, randomState: 3, cv: 2, pruner: { type: 'asha', reductionFactor: 2 }, constraints: { ksPValueMin: 1e-12 }, space: { 'training.learningRate': { type: 'real', low: 0.0001, high: 0.3, prior: 'log-uniform' } } };
    const dir = workspace(SLURM, search, 24, 3000);
    const result = await startSearch(dir, []);
    assert.equal(result.code, 0, result.lines.join('\n'));
    const summary = lastJson<SearchSummary>(result.stdout);
    assert.ok(summary.pruned >= 1, `${summary.pruned} trials pruned`);
    const pruned = journalOf(summary.runDir).records.filter((r): r is Extract<SearchEvent, { type: 'pruned' }> => r.type === 'pruned');
    const jobs = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'jobs.json'), 'utf8')) as ClusterJob[];
    let stoppedEarly = 0;
    for (const event of pruned) {
      const trialDir = path.join(summary.runDir, 'trials', String(event.trial));
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(trialDir, 'prune.json'), 'utf8')), { fold: event.fold, epoch: event.epoch });
      assert.equal(jobs.find((j) => j.trial === event.trial)?.state, 'PRUNED');
      assert.ok(!fs.existsSync(path.join(trialDir, `fold-${event.fold + 1}.json`)), 'no fold after the pruned one ran');
      const log = fs.readdirSync(path.join(summary.runDir, 'slurm')).filter((f) => f.startsWith(`trial-${event.trial}-`)).map((f) => fs.readFileSync(path.join(summary.runDir, 'slurm', f), 'utf8')).join('');
      const stopped = /pruned by the search after epoch (\d+)/.exec(log);
      if (stopped && Number(stopped[1]) < 24) stoppedEarly++;
    }
    assert.ok(stoppedEarly >= 1, 'a pruned job stopped before its last epoch');
    const completed = (JSON.parse(fs.readFileSync(path.join(summary.runDir, 'trials.json'), 'utf8')) as TrialRecord[]).filter((t) => t.status === 'completed');
    assert.ok(completed.length >= 1 && completed.every((t) => t.constraints!.ksPValue! >= 0 && t.constraints!.ksPValue! <= 1), 'each completed trial\'s batch job ran the KS test');
    for (let i = 0; i < 50 && liveJobs(`hepml-${path.basename(summary.runDir)}`).length > 0; i++) await sleep(100);
    assert.equal(liveJobs(`hepml-${path.basename(summary.runDir)}`).length, 0, 'pruned jobs end by themselves');
  });
});

describe('hepml stop on a SLURM search', { concurrency: 1 }, () => {
  it('cancels the jobs through a live driver, then the jobs a SIGKILLed driver left; --resume then completes', async (t) => {
    if (!needSlurm(t)) return;
    const dir = workspace(SLURM, { ...RANDOM_SEARCH, nCalls: 4 }, 40, 3000);
    let stopSaid: ReturnType<typeof hepml> | undefined;
    const stopped = await startSearch(dir, [], (line) => {
      if (!stopSaid && line.startsWith('slurm: submitted job')) stopSaid = hepml(['stop', onlyRun(dir)]);
    });
    const runDir = onlyRun(dir);
    const jobName = `hepml-${path.basename(runDir)}`;
    assert.equal(stopSaid?.status, 0, stopSaid?.stderr);
    assert.match(stopSaid!.stdout, /^stopped the search \(process \d+\)/);
    assert.equal(stopped.code, 1);
    assert.ok(stopped.lines.some((l) => /^slurm: cancelled job\(s\) \d+_0 \d+_1$/.test(l)), stopped.lines.join('\n'));
    assert.equal(liveJobs(jobName).length, 0, 'no job of the run is left');
    const jobs = JSON.parse(fs.readFileSync(path.join(runDir, 'jobs.json'), 'utf8')) as ClusterJob[];
    assert.deepEqual(jobs.map((j) => j.state), ['CANCELLED', 'CANCELLED']);

    const killed = await startSearch(dir, ['--resume', runDir], (line, child) => {
      if (line.startsWith('slurm: submitted job')) child.kill('SIGKILL');
    });
    assert.equal(killed.signal, 'SIGKILL');
    assert.ok(liveJobs(jobName).length > 0);
    const stopJobs = hepml(['stop', runDir]);
    assert.equal(stopJobs.status, 0, stopJobs.stderr);
    assert.equal(stopJobs.stdout.trim(), `cancelled the batch jobs of ${path.basename(runDir)} (scancel --name=${jobName})`);
    for (let i = 0; i < 50 && liveJobs(jobName).length > 0; i++) await sleep(100);
    assert.equal(liveJobs(jobName).length, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')).status, 'cancelled');

    const finished = await startSearch(dir, ['--resume', runDir]);
    assert.equal(finished.code, 0, finished.lines.join('\n'));
    const journal = journalOf(runDir);
    assert.equal(journal.damagedLines, 0);
    assert.equal(journal.records.filter((r) => r.type === 'told').length, 4);
    assert.equal(journal.records.filter((r) => r.type === 'failed').length, 0, 'cancelled jobs are not counted as failed attempts');
    assert.ok(journal.records.filter((r) => r.type === 'cancelled').length >= 3, 'both stops journalled the jobs they cancelled');
  });
});
