// The worker is a real child process: it trains on request and reports over IPC.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseWorkerEvent } from '../../src/core/protocol/workerMessages';
import type { WorkerEvent } from '../../src/shared/workerProtocol';
import { REPO, tempDir } from '../helpers/paths';
import { separableCsv, tinyConfig } from '../helpers/synthetic';

function runWorker(messages: unknown[], configFile: string, workspace: string): Promise<WorkerEvent[]> {
  return new Promise((resolve, reject) => {
    const worker = fork(path.join(REPO, 'dist', 'worker.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const events: WorkerEvent[] = [];
    worker.on('message', (raw) => {
      const event = parseWorkerEvent(raw);
      if (!event) return reject(new Error(`malformed event ${JSON.stringify(raw)}`));
      events.push(event);
      if (event.type === 'ready') {
        for (const message of messages) worker.send(message as object);
        worker.send({ type: 'train', configFile, workspace });
      }
      if (event.type === 'done' || event.type === 'failed') worker.disconnect();
    });
    worker.on('exit', () => resolve(events));
    worker.on('error', reject);
  });
}

describe('worker process', () => {
  it('trains a config, streaming started, epoch and done events; ignores malformed messages', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(300));
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig()));
    const events = await runWorker([{ type: 'train' }, { __proto__: { type: 'cancel' } }, 'junk', { type: 'run', command: 'rm -rf /' }], path.join(dir, 'exp.hepml.json'), dir);
    assert.deepEqual(events.map((e) => e.type), ['ready', 'started', 'epoch', 'epoch', 'epoch', 'done']);
    const done = events.at(-1) as Extract<WorkerEvent, { type: 'done' }>;
    assert.ok(fs.existsSync(path.join(done.summary.runDir, 'run.json')));
  });

  it('reports a user error as failed without crashing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(tinyConfig()));
    const events = await runWorker([], path.join(dir, 'exp.hepml.json'), dir);
    const failed = events.at(-1) as Extract<WorkerEvent, { type: 'failed' }>;
    assert.equal(failed.type, 'failed');
    assert.equal(failed.userError, true);
    assert.match(failed.message, /events\.csv" does not exist/);
  });
});
