// Every bad expression form gets one located line from hepml validate (the column inside the
// string where the problem is), never an internal error.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { hepml } from '../../helpers/cli';
import { hasSharedData, sharedData, tempDir } from '../../helpers/paths';

interface Case {
  name: string;
  /** Where the bad expression goes: a define, the selection, or a feature. */
  at: 'define' | 'selection' | 'feature';
  text: string;
  /** The part of the text the problem must point at (the whole text: the string itself, quotes included). */
  points: string;
  /** Where inside the text, when the part occurs earlier too. */
  index?: number;
  message: RegExp;
  severity?: 'warning';
}

const CASES: Case[] = [
  { name: 'a syntax error', at: 'selection', text: 'NJet >= 2 &&', points: '&', index: 11, message: /syntax error: Expected expression after &&/ },
  { name: 'an unbalanced parenthesis', at: 'define', text: 'hypot(MET_px, MET_py', points: 'y', index: 19, message: /syntax error: Expected \)/ },
  { name: 'an unknown branch, with a did-you-mean', at: 'feature', text: 'hypot(MET_pz, MET_py)', points: 'MET_pz', message: /zz\.root has no branch "MET_pz".*Did you mean "MET_px"/ },
  { name: 'a jagged branch used as one number', at: 'feature', text: 'Jet_Px', points: 'Jet_Px', message: /feature "Jet_Px": .* is a collection; pick an element .* or reduce it/ },
  { name: 'a collection expression as a feature', at: 'feature', text: 'Jet_Px * 2', points: 'Jet_Px * 2', message: /is a collection/ },
  { name: 'an index on a number', at: 'selection', text: 'MET_px[0] > 1', points: 'MET_px', message: /"MET_px" holds one number per event; only collections/ },
  { name: 'a reduction of a number', at: 'define', text: 'Sum(MET_px)', points: 'Sum', message: /Sum takes a collection/ },
  { name: 'a wrong number of arguments', at: 'define', text: 'hypot(MET_px)', points: 'hypot', message: /hypot takes 2 argument\(s\), not 1/ },
  { name: 'an unknown function', at: 'define', text: 'TMath::Sqr(MET_px)', points: 'TMath::Sqr', message: /unknown function "TMath::Sqr"/ },
  { name: 'an unsupported operator', at: 'selection', text: 'NJet & 1', points: 'N', message: /operator "&" is not supported/ },
  { name: 'a function used as a value', at: 'define', text: 'sqrt + 1', points: 'sqrt', message: /"sqrt" is a function; call it/ },
  { name: 'two expressions with a comma', at: 'selection', text: 'NJet > 1, NMuon > 0', points: 'N', message: /several expressions separated by commas/ },
  { name: 'a text literal', at: 'selection', text: "NJet > 'two'", points: 'N', message: /only numbers can be used/ },
];

function config(extra: { define?: Record<string, string>; selection?: string; features?: string[] }) {
  return {
    data: {
      sources: [{ path: 'zz.root', tree: 'events', class: 'signal' }, { path: 'ww.root', tree: 'events', class: 'background' }],
      define: { met: 'hypot(MET_px, MET_py)', ...extra.define },
      ...(extra.selection ? { selection: extra.selection } : {}),
      features: extra.features ?? ['met', 'NJet'],
    },
    model: { hidden: [{ units: 4 }] },
  };
}

/** The 1-based line and column of `needle` inside the string `text` in the config file (the opening quote for the whole text). */
function position(file: string, text: string, needle: string, index?: number): string {
  const content = fs.readFileSync(file, 'utf8');
  const start = content.indexOf(JSON.stringify(text));
  const at = needle === text ? start : start + 1 + (index ?? text.indexOf(needle));
  const before = content.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('hepml validate on bad expressions', { skip: !hasSharedData }, () => {
  const dir = tempDir();
  for (const f of ['zz.root', 'ww.root', 'wz.root']) fs.copyFileSync(sharedData('cms-tutorial', f), path.join(dir, f));

  for (const c of CASES) {
    it(`${c.name}: one line at the spot`, () => {
      const extra = c.at === 'define' ? { define: { bad: c.text }, features: ['met', 'bad'] } : c.at === 'selection' ? { selection: c.text } : { features: ['met', c.text] };
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.hepml.json`);
      fs.writeFileSync(file, JSON.stringify(config(extra), null, 2));
      const result = hepml(['validate', path.basename(file)], { cwd: dir });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.equal(result.stderr, '', 'no internal error');
      const lines = result.stdout.trim().split('\n');
      const own = lines.find((l) => c.message.test(l));
      assert.ok(own, `a line matching ${c.message} in:\n${result.stdout}`);
      assert.ok(own.startsWith(`${path.basename(file)}:${position(file, c.text, c.points, c.index)}: `), `located at "${c.points}": ${own}`);
      // A feature using a broken define is named too, but nothing else.
      assert.ok(lines.length <= 2, `at most the problem and the feature that uses it:\n${result.stdout}`);
    });
  }

  it('a cycle of defines is named where it starts', () => {
    const file = path.join(dir, 'cycle.hepml.json');
    fs.writeFileSync(file, JSON.stringify(config({ define: { a: 'b + 1', b: 'a * 2' }, features: ['a'] }), null, 2));
    const result = hepml(['validate', 'cycle.hepml.json'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /define "a": defines form a cycle: a -> b -> a/);
  });

  it('a selection that keeps no event of a source is a warning with its counts', () => {
    const file = path.join(dir, 'empty.hepml.json');
    const text = config({});
    text.data.sources.push({ path: 'wz.root', tree: 'events', class: 'background' });
    (text.data.sources[1] as Record<string, unknown>).selection = 'NJet > 100';
    fs.writeFileSync(file, JSON.stringify(text, null, 2));
    const result = hepml(['validate', 'empty.hepml.json'], { cwd: dir });
    assert.equal(result.status, 0, 'a warning, not an error');
    assert.match(result.stdout, /the selections keep none of the 4580 events of source 1 \(ww\): read 4580, source selection: NJet > 100 0\. \(warning\)/);
  });

  it('collections of different sizes met in one operation are named with the entry, at the expression', () => {
    const file = path.join(dir, 'sizes.hepml.json');
    fs.writeFileSync(file, JSON.stringify(config({ define: { mixed: 'Sum(Jet_Px * Muon_Px)' }, features: ['met', 'mixed'] }), null, 2));
    const result = hepml(['validate', 'sizes.hepml.json'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /entry \d+: "mixed": collections of different sizes \(\d and \d\) in one operation/);
  });
});
