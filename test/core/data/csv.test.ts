import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectDelimiter, readCsv } from '../../../src/core/data/csv';
import type { BranchRequest } from '../../../src/core/expr/chunks';
import { UserError } from '../../../src/core/util/errors';
import { hasSharedData, sharedData, tempDir } from '../../helpers/paths';

const dir = tempDir();
const numbers = (...names: string[]): BranchRequest[] => names.map((name) => ({ name, role: 'feature', kind: 'number' }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function userError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => e instanceof UserError && pattern.test(e.message), `expected UserError matching ${pattern}`);
}

describe('CSV reading', () => {
  it('detects comma, semicolon, tab and whitespace delimiters', async () => {
    assert.equal(detectDelimiter('a,b,c'), ',');
    assert.equal(detectDelimiter('a;b;c'), ';');
    assert.equal(detectDelimiter('a\tb\tc'), '\t');
    assert.equal(detectDelimiter('a   b c'), 'whitespace');
    assert.equal(detectDelimiter('"x,y";b;c'), ';');
    for (const [name, text] of [
      ['comma.csv', 'a,b\n1,2\n3,4\n'],
      ['semi.csv', 'a;b\n1;2\n3;4\n'],
      ['tab.tsv', 'a\tb\n1\t2\n3\t4\n'],
      ['space.txt', '  a    b\n 1   2\n3 4\n\n'],
    ]) {
      const columns = await readCsv(write(name, text), numbers('a', 'b'));
      assert.deepEqual(Array.from(columns.numbers.get('b')!), [2, 4], name);
    }
  });

  it('handles a BOM, CRLF line ends, quoted fields and quoted header names', async () => {
    const file = write('quirks.csv', '\ufeff"a","b c",label\r\n1,"2.5","s, really"\r\n-3e2,4,b\r\n');
    const columns = await readCsv(file, [...numbers('a', 'b c'), { name: 'label', role: 'label', kind: 'string' }]);
    assert.deepEqual(Array.from(columns.numbers.get('a')!), [1, -300]);
    assert.deepEqual(Array.from(columns.numbers.get('b c')!), [2.5, 4]);
    assert.deepEqual(columns.strings.get('label'), ['s, really', 'b']);
  });

  it('names the line of a ragged row', async () => {
    await userError(readCsv(write('ragged.csv', 'a,b\n1,2\n3\n5,6\n'), numbers('a')), /ragged\.csv:3: row has 1 fields but the header has 2/);
  });

  it('names the line and column of a value that is not a finite number', async () => {
    await userError(readCsv(write('nan.csv', 'a,b\n1,2\n3,nan\n'), numbers('a', 'b')), /nan\.csv:3: column "b" \(feature\) holds "nan"/);
    await userError(readCsv(write('inf.csv', 'a,b\n1,Infinity\n'), numbers('b')), /inf\.csv:2: column "b" \(feature\) holds "Infinity"/);
    await userError(readCsv(write('empty-cell.csv', 'a,b\n1,\n'), numbers('b')), /empty-cell\.csv:2: column "b" \(feature\) holds ""/);
  });

  it('refuses empty, header-only, binary and unbalanced-quote files with one clear line', async () => {
    await userError(readCsv(write('empty.csv', ''), numbers('a')), /empty\.csv: the file is empty/);
    await userError(readCsv(write('header.csv', 'a,b\n'), numbers('a')), /header\.csv: the file has a header row but no events/);
    await userError(readCsv(write('binary.csv', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2])), numbers('a')), /not a text CSV/);
    await userError(readCsv(write('quotes.csv', 'a,b\n1,"2\n3,4\n'), numbers('a')), /quotes\.csv.*quote/i);
    await userError(readCsv(write('nocol.csv', 'a,b\n1,2\n'), numbers('c')), /no column "c"/);
  });

  it('reads the ATLAS challenge sample: 9,999 events, the -999.0 sentinel and s/b labels', { skip: !hasSharedData }, async () => {
    const file = sharedData('higgsml', 'training_10k.csv');
    const columns = await readCsv(file, [...numbers('DER_mass_MMC', 'Weight'), { name: 'Label', role: 'label', kind: 'string' }]);
    assert.equal(columns.entries, 9999);
    const labels = columns.strings.get('Label')!;
    assert.equal(labels.filter((l) => l === 's').length, 3372);
    assert.equal(labels.filter((l) => l === 'b').length, 6627);
    assert.ok(Array.from(columns.numbers.get('DER_mass_MMC')!).includes(-999));
    assert.equal(columns.numbers.get('DER_mass_MMC')![0], 138.47);
  });

  it('reads numbers exactly as Number() does on the fast path (no quotes) and the general one (quotes)', async () => {
    const cells = ['0', '-0', '1.5', '.5', '5.', '+3', '-2.250', '1e-5', '6.02E23', '123456789012345678', '0.1234567890123456789', '-999.0', '3.14159e+2', '1e308', '4.9e-324', ' 7 ', 'Infinity'];
    const finite = cells.filter((c) => Number.isFinite(Number(c)));
    const body = finite.map((c, i) => `${i},${c}`).join('\n') + '\n';
    const fast = await readCsv(write('fast.csv', `i,v\n${body}`), numbers('v'));
    const quotedBody = finite.map((c, i) => `"${i}","${c}"`).join('\n') + '\n';
    const general = await readCsv(write('general.csv', `"i","v"\n${quotedBody}`), numbers('v'));
    const expected = finite.map((c) => Number(c));
    assert.deepEqual(Array.from(fast.numbers.get('v')!), expected);
    assert.deepEqual(Array.from(general.numbers.get('v')!), expected);
    assert.ok(Object.is(fast.numbers.get('v')![1], -0), '-0 keeps its sign');
  });

  it('gives the same columns on both paths for the ATLAS sample', { skip: !hasSharedData }, async () => {
    const text = fs.readFileSync(sharedData('higgsml', 'training_small.csv'), 'utf8');
    const header = text.slice(0, text.indexOf('\n')).split(',');
    const requests: BranchRequest[] = header.map((name) => ({ name, role: 'feature', kind: name === 'Label' ? 'string' : 'number' }));
    const fast = await readCsv(write('atlas-fast.csv', text), requests);
    const quoted = text.trimEnd().split('\n').map((line) => line.split(',').map((cell) => `"${cell}"`).join(',')).join('\n') + '\n';
    const general = await readCsv(write('atlas-general.csv', quoted), requests);
    assert.equal(fast.entries, 999);
    for (const name of header) {
      if (name === 'Label') assert.deepEqual(fast.strings.get(name), general.strings.get(name));
      else assert.deepEqual(fast.numbers.get(name), general.numbers.get(name), name);
    }
  });
});
