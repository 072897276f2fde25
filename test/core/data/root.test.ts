import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inspectRoot, readRoot } from '../../../src/core/data/root';
import type { BranchRequest } from '../../../src/core/expr/chunks';
import { UserError } from '../../../src/core/util/errors';
import { hasSharedData, sharedData, tempDir } from '../../helpers/paths';

const numbers = (...names: string[]): BranchRequest[] => names.map((name) => ({ name, role: 'feature', kind: 'number' }));
const jagged = (...names: string[]): BranchRequest[] => names.map((name) => ({ name, role: 'feature', kind: 'jagged' }));

async function userError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => e instanceof UserError && pattern.test(e.message), `expected UserError matching ${pattern}`);
}

describe('ROOT reading with jsroot', { skip: !hasSharedData }, () => {
  it('reads the UCI HIGGS trees: 10,000 events each, 28 float branches', async () => {
    const file = sharedData('tmva-higgs', 'Higgs_data.root');
    const trees = await inspectRoot(file);
    assert.deepEqual(trees.map((t) => [t.tree, t.entries, t.columns.length]), [['sig_tree', 10000, 28], ['bkg_tree', 10000, 28]]);
    const columns = await readRoot(file, 'sig_tree', numbers('lepton_pT', 'm_bb'));
    assert.equal(columns.entries, 10000);
    assert.equal(columns.numbers.get('lepton_pT')![0], Math.fround(0.7238009572029114));
  });

  it('reads the same values from every compression (zlib, lz4, lzma, zstd, none)', async () => {
    const request = [...numbers('MET_px', 'NJet'), ...jagged('Jet_Px', 'Muon_Px')];
    const reference = await readRoot(sharedData('root-io', 'uproot-HZZ-uncompressed.root'), 'events', request);
    assert.equal(reference.entries, 2421);
    for (const variant of ['uproot-HZZ.root', 'uproot-HZZ-lz4.root', 'uproot-HZZ-lzma.root', 'uproot-HZZ-zstd.root']) {
      const columns = await readRoot(sharedData('root-io', variant), 'events', request);
      for (const name of ['MET_px', 'NJet']) assert.deepEqual(columns.numbers.get(name), reference.numbers.get(name), `${variant} ${name}`);
      for (const name of ['Jet_Px', 'Muon_Px']) assert.deepEqual(columns.jagged.get(name), reference.jagged.get(name), `${variant} ${name}`);
    }
  });

  it('reads a jagged branch as offsets and values: each event as many values as its count branch says', async () => {
    const columns = await readRoot(sharedData('cms-tutorial', 'ww.root'), 'events', [...numbers('NJet', 'EventWeight'), ...jagged('Jet_Px')]);
    const nJet = columns.numbers.get('NJet')!;
    const { offsets, values } = columns.jagged.get('Jet_Px')!;
    assert.equal(columns.entries, 4580);
    assert.equal(offsets.length, 4581);
    for (let e = 0; e < columns.entries; e++) assert.equal(offsets[e + 1] - offsets[e], nJet[e], `entry ${e}`);
    assert.equal(values.length, offsets[4580]);
    assert.equal(nJet[0], 1);
    assert.equal(values[offsets[0]], Math.fround(-6.693204402923584));
    assert.equal(values[offsets[1] + 1], Math.fround(-6.756650924682617));
  });

  it('reads text and flat branches of the CMS dimuon sample and the NanoAOD file', async () => {
    const zmumu = await readRoot(sharedData('root-io', 'uproot-Zmumu.root'), 'events', [{ name: 'Type', role: 'label', kind: 'string' }, ...numbers('M')]);
    assert.deepEqual(zmumu.strings.get('Type')!.slice(0, 3), ['GT', 'TT', 'GT']);
    assert.equal(zmumu.entries, 2304);
    const nano = await readRoot(sharedData('root-io', 'nanoAOD_2015_CMS_Open_Data_ttbar.root'), 'Events', [...numbers('nJet'), ...jagged('Jet_pt')]);
    assert.equal(nano.entries, 200);
    const trees = await inspectRoot(sharedData('root-io', 'nanoAOD_2015_CMS_Open_Data_ttbar.root'));
    assert.ok(trees[0].columns.length >= 900);
  });

  it('names a missing tree or branch, and says how to pick a jagged element', async () => {
    const file = sharedData('cms-tutorial', 'zz.root');
    await userError(readRoot(file, 'tree', numbers('NJet')), /no TTree "tree"; the file has "events"/);
    await userError(readRoot(file, 'events', jagged('Jet_Pxx')), /no branch "Jet_Pxx".*Did you mean "Jet_Px"/);
    await userError(readRoot(file, 'events', numbers('Jet_Px')), /pick one element, e.g. "Jet_Px\[0\]"/);
  });

  it('refuses zero-byte, text, truncated and garbage files with one clear line', async () => {
    const dir = tempDir();
    const original = fs.readFileSync(sharedData('tmva-higgs', 'Higgs_data_verysmall.root'));
    const write = (name: string, bytes: Buffer | string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    };
    await userError(readRoot(write('zero.root', ''), 'sig_tree', numbers('m_bb')), /not a ROOT file/);
    await userError(readRoot(write('text.root', 'a,b\n1,2\n'), 'sig_tree', numbers('m_bb')), /not a ROOT file/);
    const garbage = Buffer.concat([Buffer.from('root'), Buffer.alloc(5000, 7)]);
    await userError(readRoot(write('garbage.root', garbage), 'sig_tree', numbers('m_bb')), /truncated or corrupt|no TTree/);
    for (const fraction of [0.01, 0.3, 0.6, 0.95]) {
      const cut = write(`cut-${fraction}.root`, original.subarray(0, Math.floor(original.length * fraction)));
      await userError(readRoot(cut, 'sig_tree', numbers('m_bb')), /truncated|corrupt|no TTree|cannot/);
    }
  });
});
