// Completion inside expression strings: the first source's branches, the defines, functions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expressionCompletions, isExpressionPath } from '../../../src/core/config/expressionCompletion';
import { hasSharedData, sharedData, tempDir } from '../../helpers/paths';

describe('completion in expression strings', { skip: !hasSharedData }, () => {
  const dir = tempDir();
  fs.copyFileSync(sharedData('cms-tutorial', 'zz.root'), path.join(dir, 'zz.root'));
  const file = path.join(dir, 'c.hepml.json');
  const text = JSON.stringify({ data: { sources: [{ path: 'zz.root', tree: 'events', class: 'signal' }], define: { met: 'hypot(MET_px, MET_py)', ht: 'Sum(Jet_P' }, selection: 'NJet >= 2 && ', features: ['met'] }, model: { hidden: [{ units: 4 }] } }, null, 2);

  it('offers branches (collections marked), defines and functions where an expression is typed', async () => {
    const offset = text.indexOf('Sum(Jet_P') + 'Sum(Jet_P'.length;
    const result = (await expressionCompletions(text, offset, file, dir))!;
    const labels = result.items.map((i) => i.label);
    assert.ok(labels.includes('Jet_Px') && labels.includes('MET_px'), 'branches of the first source');
    assert.ok(labels.includes('met') && !labels.includes('ht'), 'other defines, not the one being written');
    assert.ok(labels.includes('Sum') && labels.includes('deltaR') && labels.includes('entry'));
    assert.match(result.items.find((i) => i.label === 'Jet_Px')!.detail, /collection/);
    assert.equal(text.slice(result.start, result.end), 'Jet_P', 'the word being typed is replaced');
    const selection = (await expressionCompletions(text, text.indexOf('NJet >= 2 && ') + 'NJet >= 2 && '.length, file, dir))!;
    assert.equal(selection.start, selection.end, 'after an operator: nothing typed yet');
  });

  it('stays silent outside expressions', async () => {
    assert.equal(await expressionCompletions(text, text.indexOf('zz.root') + 2, file, dir), undefined);
    assert.equal(await expressionCompletions(text, text.indexOf('"units"') + 2, file, dir), undefined);
    assert.ok(isExpressionPath(['data', 'sources', 0, 'selection']) && isExpressionPath(['folds', 'by']) && isExpressionPath(['data', 'features', 2, 'name']));
    assert.ok(!isExpressionPath(['data', 'sources', 0, 'path']) && !isExpressionPath(['data', 'label', 'column']));
  });
});
