// The ROOT writer held against files ROOT wrote and an independent writer, and read back by jsroot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import pako from 'pako';
import type { BranchRequest } from '../../../src/core/expr/chunks';
import { readRoot, rootTreeTable } from '../../../src/core/data/root';
import { openRootFile } from '../../../src/core/data/rootFile';
import { STREAMER_INFO_BASE64 } from '../../../src/core/rootio/streamerInfoBlob';
import { RootTreeWriter, type BranchSpec } from '../../../src/core/rootio/treeWriter';
import { UserError } from '../../../src/core/util/errors';
import { createRng } from '../../../src/core/util/random';
import { hasSharedData, REPO, sharedData, tempDir } from '../../helpers/paths';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'root');
const FIXED = { date: new Date(2026, 11, 1, 12, 0, 0), uuid: Buffer.from(Array.from({ length: 16 }, (_, i) => i)) };
const numbers = (names: string[]): BranchRequest[] => names.map((name) => ({ name, role: 'test', kind: 'number' }));

/** zlib 1.2's own deflate (pako is its port): the Python writer's output; node's zlib differs in bytes, not in meaning. */
const zlibDeflate = (data: Uint8Array, level: number) => pako.deflate(data, { level: level as pako.DeflateOptions['level'] });

function write(file: string, branches: BranchSpec[], columns: ArrayLike<number>[], options: { compression?: number; basketEntries?: number; forceWide?: boolean; fixed?: boolean; chunk?: number } = {}): void {
  const writer = new RootTreeWriter(file, { treeName: 'events', branches, compression: options.compression, basketEntries: options.basketEntries, forceWide: options.forceWide, ...(options.fixed ? { fixed: FIXED, deflate: zlibDeflate } : {}) });
  const n = columns[0].length;
  const chunk = options.chunk ?? n;
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    writer.append(columns.map((c) => (c as Float64Array).subarray(start, start + count)), count);
  }
  writer.close();
}

/** Streamer infos a file declares: class name and version of each. */
async function streamerInfos(file: string): Promise<string[]> {
  const root = await openRootFile(file);
  try {
    return (root.file.fStreamerInfos.arr as { fName: string; fClassVersion: number }[]).filter((s) => s.fName).map((s) => `${s.fName} v${s.fClassVersion}`);
  } finally {
    root.close();
  }
}

describe('ROOT tree writer', () => {
  it('embeds the StreamerInfo built from the ROOT-written reference files, byte for byte', { skip: !hasSharedData }, () => {
    const out = tempDir();
    const built = spawnSync('/usr/bin/python3', [path.join(FIXTURES, 'build_streamerinfo.py'), sharedData('root-io'), out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.deepEqual(fs.readFileSync(path.join(out, 'streamerinfo-nanoAOD+TLeafD.bin')), Buffer.from(STREAMER_INFO_BASE64, 'base64'));
  });

  it('writes the same bytes as the independent Python writer, uncompressed and zlib, for every leaf type', async () => {
    for (const [fixture, types, options] of [
      ['gold-FDI.root', 'FDI', { basketEntries: 400 }],
      ['gold-FDILOb-zlib6.root', 'FDILOb', { basketEntries: 333, compression: 6 }],
    ] as const) {
      const names = { F: 'x_F', D: 'y_D', I: 'k_I', L: 'q_L', O: 't_O', b: 'u_b' };
      const branches = [...types].map((t) => ({ name: names[t as keyof typeof names], type: t as BranchSpec['type'] }));
      const golden = await readRoot(path.join(FIXTURES, fixture), 'events', numbers(branches.map((b) => b.name)));
      const dir = tempDir();
      // The file's own name is inside it: write under the golden's original name.
      const file = path.join(dir, fixture.startsWith('gold-FDI.') ? 'gold.root' : 'gold-all.root');
      write(file, branches, branches.map((b) => golden.numbers.get(b.name)!), { ...options, fixed: true, chunk: 77 });
      assert.ok(fs.readFileSync(file).equals(fs.readFileSync(path.join(FIXTURES, fixture))), `${fixture}: identical bytes`);
    }
  });

  it('declares the classes and versions ROOT 6.22 wrote in the reference NanoAOD file', { skip: !hasSharedData }, async () => {
    const file = path.join(tempDir(), 'x.root');
    write(file, [{ name: 'a', type: 'F' }], [Float64Array.from([1, 2, 3])]);
    const ours = await streamerInfos(file);
    const nano = await streamerInfos(sharedData('root-io', 'nanoAOD_2015_CMS_Open_Data_ttbar.root'));
    for (const entry of nano) assert.ok(ours.includes(entry), `${entry} as in the ROOT-written file`);
    assert.ok(ours.includes('TLeafD v1'), 'TLeafD from the ROOT-written Zmumu file');
    assert.ok(nano.includes('TTree v20') && nano.includes('TBranch v13'));
  });

  it('reads back every value and entry: several baskets, chunks that straddle them, all types, zlib', async () => {
    const n = 5003;
    const rng = createRng('writer');
    const columns = {
      f: Float64Array.from({ length: n }, () => Math.fround(rng() * 100 - 50)),
      d: Float64Array.from({ length: n }, () => rng() * 1e9),
      i: Float64Array.from({ length: n }, (_, k) => k * 7 - 3000),
      l: Float64Array.from({ length: n }, (_, k) => k * 4_000_000_007),
      o: Float64Array.from({ length: n }, (_, k) => k % 3 === 0 ? 1 : 0),
      b: Float64Array.from({ length: n }, (_, k) => k % 256),
    };
    const branches: BranchSpec[] = [{ name: 'f', type: 'F' }, { name: 'd', type: 'D' }, { name: 'i', type: 'I' }, { name: 'l', type: 'L' }, { name: 'o', type: 'O' }, { name: 'b', type: 'b' }];
    for (const compression of [0, 1, 9]) {
      const file = path.join(tempDir(), `all-${compression}.root`);
      write(file, branches, Object.values(columns), { compression, basketEntries: 1000, chunk: 777 });
      const back = await readRoot(file, 'events', numbers(Object.keys(columns)));
      assert.equal(back.entries, n);
      for (const [name, values] of Object.entries(columns)) assert.deepEqual(back.numbers.get(name), values, `${name}, zlib ${compression}`);
      const table = await rootTreeTable(file, 'events');
      assert.deepEqual(table.columns.map((c) => `${c.name}:${c.type}`), ['f:F', 'd:D', 'i:I', 'l:L', 'o:O', 'b:B']);
    }
  });

  it('writes the 64-bit layout of files past 2e9 bytes (forced in a small file) that jsroot reads', async () => {
    const file = path.join(tempDir(), 'wide.root');
    const values = Float64Array.from({ length: 3000 }, (_, k) => k / 7);
    write(file, [{ name: 'x', type: 'D' }], [values], { forceWide: true, basketEntries: 1000, compression: 1 });
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.readInt32BE(4), 62208 + 1_000_000, 'large-file header version');
    const back = await readRoot(file, 'events', numbers(['x']));
    assert.deepEqual(back.numbers.get('x'), values);
  });

  it('one million entries: written in baskets of at most a million, read back whole', async () => {
    const n = 1_000_000;
    const file = path.join(tempDir(), 'million.root');
    const score = Float64Array.from({ length: n }, (_, k) => Math.fround(Math.sin(k)));
    const passed = Float64Array.from({ length: n }, (_, k) => (k % 5 === 0 ? 0 : 1));
    write(file, [{ name: 'score', type: 'F' }, { name: 'passed', type: 'O' }], [score, passed], { basketEntries: 250_000, chunk: 65536, compression: 1 });
    const back = await readRoot(file, 'events', numbers(['score', 'passed']));
    assert.equal(back.entries, n);
    assert.deepEqual(back.numbers.get('score'), score);
    assert.deepEqual(back.numbers.get('passed'), passed);
  });

  it('a file cut at any basket boundary is refused with one clear line', async () => {
    const file = path.join(tempDir(), 'cut.root');
    const values = Float64Array.from({ length: 4000 }, (_, k) => k);
    write(file, [{ name: 'x', type: 'F' }, { name: 'y', type: 'D' }], [values, values], { basketEntries: 500 });
    const bytes = fs.readFileSync(file);
    const table = await readRoot(file, 'events', numbers(['x']));
    assert.equal(table.entries, 4000);
    // Every basket starts with a TKey whose class is TBasket: cut just before each, and inside it.
    const cuts: number[] = [];
    for (let at = bytes.indexOf('TBasket'); at >= 0; at = bytes.indexOf('TBasket', at + 1)) cuts.push(at - 26 - 8, at + 40);
    assert.ok(cuts.length >= 32, `${cuts.length} cut points`);
    for (const cut of [...cuts, bytes.length - 10]) {
      const truncated = path.join(path.dirname(file), `cut-${cut}.root`);
      fs.writeFileSync(truncated, bytes.subarray(0, cut));
      await assert.rejects(readRoot(truncated, 'events', numbers(['x', 'y'])), (e: Error) => e instanceof UserError && !e.message.includes('\n') && e.message.includes(truncated), `cut at ${cut}`);
    }
  });

  it('never leaves a partial file at the target: an aborted write removes its temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kept.root');
    fs.writeFileSync(file, 'the user\'s file');
    const writer = new RootTreeWriter(file, { treeName: 'events', branches: [{ name: 'x', type: 'F' }] });
    writer.append([Float64Array.from([1, 2])], 2);
    writer.abort();
    assert.equal(fs.readFileSync(file, 'utf8'), 'the user\'s file');
    assert.deepEqual(fs.readdirSync(dir), ['kept.root']);
  });
});
