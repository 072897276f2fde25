// An extension host killed while its search runs: the next activation finds the orphaned
// process by pid and start time, stops it, and marks its run interrupted; resume then completes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../src/shared/run';
import { markInterruptedRuns } from '../../src/core/store/interruptedRuns';
import { processStartTime, ProcessRegistry, reapOrphans } from '../../src/core/store/processRegistry';
import { isAlive } from '../../src/core/store/lock';
import { hepml } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { journalOf, onlyRun } from '../helpers/searchProcess';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('orphaned processes of a killed extension host', () => {
  it('are found by pid and start time, stopped, their run marked interrupted, and the search resumes', async (t) => {
    const dir = tempDir('hepml-orphan-');
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(2000));
    const search = { method: 'grid', cv: 2, space: { 'training.learningRate': { values: [0.01, 0.02, 0.03, 0.04] } } };
    fs.writeFileSync(path.join(dir, 's.hepml.json'), JSON.stringify(tinyConfig({ training: { epochs: 40, batchSize: 64, validationFraction: 0, earlyStopping: false, seed: 2 }, search }), null, 2));
    const registryDir = path.join(tempDir('hepml-registry-'), 'processes');

    const host = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fakeHost.ts'), registryDir, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const searchPids: number[] = [];
    // Whatever happens, leave no process behind.
    t.after(() => [host.pid!, ...searchPids].forEach((pid) => isAlive(pid) && process.kill(pid, 'SIGKILL')));
    let out = '';
    let err = '';
    host.stdout.on('data', (d) => (out += d));
    host.stderr.on('data', (d) => (err += d));
    await until(() => /child \d+/.test(out), 'the host to start its search');
    const searchPid = Number(/child (\d+)/.exec(out)![1]);
    searchPids.push(searchPid);
    await until(() => /^workers: /m.test(err) && fs.existsSync(path.join(dir, '.hepml', 'runs')) && journalOf(onlyRun(dir)).records.some((r) => r.type === 'fold'), 'a first fold');
    const workers = /^workers: (.*)$/m.exec(err)![1].split(' ').map(Number);

    host.kill('SIGKILL');
    await sleep(500);
    assert.ok(isAlive(searchPid), 'the search outlives its killed host: an orphan');

    // Unrelated processes must survive the reaping: a live host's child, and a dead host's entry whose pid was reused.
    const bystander = spawn('sleep', ['60']);
    new ProcessRegistry(registryDir).add(bystander.pid!, 'sleep of a live host');
    const reusedPid = spawn('sleep', ['60']);
    fs.writeFileSync(path.join(registryDir, 'host-999999.json'), JSON.stringify({ host: { pid: 999999, startTime: '1', command: 'gone' }, children: [{ pid: reusedPid.pid, startTime: String(Number(processStartTime(reusedPid.pid!)) - 1), command: 'an earlier process with the same pid' }] }));

    const reaped = await reapOrphans(registryDir);
    assert.deepEqual(reaped.map((p) => p.pid), [searchPid], 'only the orphan is stopped');
    assert.ok(!isAlive(searchPid), 'the orphaned search is gone');
    await until(() => workers.every((pid) => !isAlive(pid)), 'its workers to exit', 10_000);
    assert.ok(isAlive(bystander.pid!) && isAlive(reusedPid.pid!), 'other processes are untouched');
    bystander.kill();
    reusedPid.kill();
    assert.deepEqual(fs.readdirSync(registryDir), [`host-${process.pid}.json`], 'the dead hosts are forgotten, the live one kept');

    const changed = markInterruptedRuns(dir, reaped.map((p) => p.pid));
    assert.equal(changed.length, 1);
    const record = JSON.parse(fs.readFileSync(path.join(onlyRun(dir), 'run.json'), 'utf8')) as RunRecord;
    assert.equal(record.status, 'interrupted');
    assert.match(record.error!, /outlived the editor window .*Resume Search continues it/);

    const resumed = hepml(['search', 's.hepml.json', '--json', '--resume', onlyRun(dir)], { cwd: dir });
    assert.equal(resumed.status, 0, resumed.stderr);
    const journal = journalOf(onlyRun(dir));
    assert.equal(journal.damagedLines, 0);
    assert.equal(journal.records.filter((r) => r.type === 'told').length, 4);
  });

  it('marks a run "running" whose process is gone as interrupted, and leaves live and finished runs alone', () => {
    const dir = tempDir('hepml-orphan-');
    const runs = path.join(dir, '.hepml', 'runs');
    const write = (id: string, record: Partial<RunRecord>) => {
      fs.mkdirSync(path.join(runs, id), { recursive: true });
      fs.writeFileSync(path.join(runs, id, 'run.json'), JSON.stringify({ id, name: id, kind: 'train', configFile: 'x', versions: {}, seeds: { split: 0, training: 0 }, created: '', ...record }));
    };
    const dead = spawn(process.execPath, ['-e', '']);
    write('dead', { status: 'running', pid: 999_999_999 });
    write('live', { status: 'running', pid: process.pid });
    write('done', { status: 'completed', pid: 999_999_999 });
    write('elsewhere', { status: 'running', pid: 999_999_999, host: 'another-node' });
    dead.kill();
    const changed = markInterruptedRuns(dir, []);
    assert.deepEqual(changed.map((r) => r.id), ['dead']);
    assert.match(changed[0].error!, /its process 999999999 is gone; train it again/);
  });
});
