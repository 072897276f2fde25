// A training shows its epochs as it goes (history.json after each), and hepml stop ends it: the run kept as cancelled.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runSpecs } from '../../src/core/report/runSpecs';
import type { EpochRecord, RunRecord } from '../../src/shared/run';
import { hepml } from '../helpers/cli';
import { REPO, tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns a value, polling every 50 ms, for at most `seconds`. */
async function waitFor<T>(check: () => T | undefined, seconds: number, what: string): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

describe('a training while it runs', () => {
  it('writes its history after every epoch (the dashboard draws it), and hepml stop ends it with the run kept as cancelled', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(20000));
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig({ model: { hidden: { layers: 2, units: 64 } }, training: { epochs: 500, batchSize: 32, earlyStopping: false } })));
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'hepml.js'), 'train', 'exp.hepml.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const runs = path.join(dir, '.hepml', 'runs');
    const runDir = await waitFor(() => (fs.existsSync(runs) ? fs.readdirSync(runs).map((id) => path.join(runs, id))[0] : undefined), 60, 'the run folder');
    const history = await waitFor(() => {
      const epochs = readJson<EpochRecord[]>(path.join(runDir, 'history.json'));
      return epochs && epochs.length >= 3 ? epochs : undefined;
    }, 120, 'three epochs in history.json');
    assert.deepEqual(history.slice(0, 3).map((e) => e.epoch), [1, 2, 3]);
    assert.equal(readJson<RunRecord>(path.join(runDir, 'run.json'))?.status, 'running');
    const live = runSpecs(runDir);
    assert.deepEqual(live.specs.map((s) => s.id), ['history'], 'a running training is drawn from its history');
    assert.match(live.specs[0].title, /epochs so far/);

    const stop = hepml(['stop', runDir]);
    assert.equal(stop.status, 0, stop.stderr);
    assert.match(stop.stdout, /stopped the training/);
    assert.notEqual(await exited, 0, output);
    const record = readJson<RunRecord>(path.join(runDir, 'run.json'))!;
    assert.equal(record.status, 'cancelled');
    assert.match(output, /training was stopped; the run .* is kept as cancelled/);
    assert.doesNotMatch(output, /internal error/);
    assert.ok((readJson<EpochRecord[]>(path.join(runDir, 'history.json'))?.length ?? 0) >= 3);
    assert.equal(hepml(['stop', runDir]).stdout.trim(), 'tiny is not running (cancelled).');
  });
});
