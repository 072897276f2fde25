import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JournalWriter, readJournal } from '../../../src/core/store/journal';
import { RunLock } from '../../../src/core/store/lock';
import { UserError } from '../../../src/core/util/errors';
import { tempDir } from '../../helpers/paths';

describe('journal', () => {
  it('recovers every complete record before a cut at any byte offset, and appends cleanly after', () => {
    const dir = tempDir();
    const file = path.join(dir, 'journal.jsonl');
    const writer = new JournalWriter<{ n: number; text: string }>(file);
    const records = Array.from({ length: 12 }, (_, n) => ({ n, text: `record ${n} ünïcode ${'x'.repeat(n * 3)}` }));
    records.forEach((r) => writer.append(r));
    writer.close();
    const full = fs.readFileSync(file);
    const ends: number[] = [];
    for (let i = 0; i < full.length; i++) if (full[i] === 10) ends.push(i + 1);
    for (let cut = 0; cut <= full.length; cut++) {
      fs.writeFileSync(file, full.subarray(0, cut));
      const complete = ends.filter((end) => end <= cut).length;
      const read = readJournal<{ n: number }>(file);
      assert.deepEqual(read.records.map((r) => r.n), records.slice(0, complete).map((r) => r.n), `cut at ${cut}`);
      const again = new JournalWriter<{ n: number; text: string }>(file);
      again.append({ n: 99, text: 'after' });
      again.close();
      const repaired = readJournal<{ n: number }>(file);
      assert.equal(repaired.damagedLines, 0, `torn tail repaired at ${cut}`);
      assert.deepEqual(repaired.records.map((r) => r.n), [...records.slice(0, complete).map((r) => r.n), 99]);
    }
  });

  it('skips a damaged middle line without dropping the records after it', () => {
    const file = path.join(tempDir(), 'journal.jsonl');
    const writer = new JournalWriter<{ n: number }>(file);
    [0, 1, 2].forEach((n) => writer.append({ n }));
    writer.close();
    const text = fs.readFileSync(file, 'utf8').split('\n');
    text[1] = text[1].replace('"n":1', '"n":7');
    fs.writeFileSync(file, text.join('\n'));
    const read = readJournal<{ n: number }>(file);
    assert.deepEqual(read.records.map((r) => r.n), [0, 2]);
    assert.equal(read.damagedLines, 1);
  });
});

describe('run lock', () => {
  it('refuses a second holder while the first lives and reclaims the lock of a dead process', () => {
    const file = path.join(tempDir(), 'lock');
    const lock = RunLock.acquire(file);
    assert.throws(() => RunLock.acquire(file), (e: Error) => e instanceof UserError && /in use by process/.test(e.message));
    lock.release();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(file, JSON.stringify({ pid: Number(dead.stdout), host: require('node:os').hostname(), started: 'then' }));
    const reclaimed = RunLock.acquire(file);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid);
    reclaimed.release();
  });
});
