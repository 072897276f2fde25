import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeJsonAtomic } from '../../../src/core/store/atomic';
import { JournalWriter, readJournal } from '../../../src/core/store/journal';
import { parseJson, stringifyJson } from '../../../src/core/store/jsonCodec';
import { RunDirectory } from '../../../src/core/store/runStore';
import { tempDir } from '../../helpers/paths';

const SPECIAL = { nan: NaN, inf: Infinity, ninf: -Infinity, nzero: -0, zero: 0, list: [1, NaN, -0, Infinity], nested: { score: NaN, fine: 0.5 }, typed: new Float64Array([NaN, -0, 2]) };

function check(back: typeof SPECIAL & { typed: number[] }): void {
  assert.ok(Number.isNaN(back.nan));
  assert.equal(back.inf, Infinity);
  assert.equal(back.ninf, -Infinity);
  assert.ok(Object.is(back.nzero, -0));
  assert.ok(Object.is(back.zero, 0));
  assert.ok(Number.isNaN(back.list[1]) && Object.is(back.list[2], -0) && back.list[3] === Infinity);
  assert.ok(Number.isNaN(back.nested.score) && back.nested.fine === 0.5);
  assert.ok(Number.isNaN(back.typed[0]) && Object.is(back.typed[1], -0) && back.typed[2] === 2);
}

describe('the store keeps every number', () => {
  it('round-trips NaN, +-Infinity and -0 through the JSON codec', () => {
    check(parseJson(stringifyJson(SPECIAL)));
    assert.deepEqual(parseJson(stringifyJson({ $number: 'not special', other: 1 })), { $number: 'not special', other: 1 });
  });

  it('round-trips them through run files and the journal', () => {
    const dir = tempDir();
    writeJsonAtomic(path.join(dir, 'x.json'), SPECIAL);
    check(new RunDirectory(dir).readJson('x.json'));
    const writer = new JournalWriter(path.join(dir, 'journal.jsonl'));
    writer.append(SPECIAL);
    writer.close();
    check(readJournal<typeof SPECIAL & { typed: number[] }>(path.join(dir, 'journal.jsonl')).records[0]);
  });
});
