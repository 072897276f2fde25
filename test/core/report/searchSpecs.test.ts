// The search report's evaluations histograms: how each kind of dimension is counted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchSpecs } from '../../../src/core/report/searchSpecs';
import type { Dimension } from '../../../src/core/search/space';
import type { TrialRecord } from '../../../src/shared/search';

const NAMES = ['model.hidden.layers', 'model.hidden.units', 'model.hidden.dropout'];
const DIMENSIONS: Dimension[] = [
  { type: 'integer', low: 1, high: 3 },
  { type: 'integer', low: 150, high: 300 },
  { type: 'real', low: 0, high: 0.3 },
];

function trials(): TrialRecord[] {
  return Array.from({ length: 14 }, (_, trial) => {
    const point = [1 + (trial % 3), 150 + trial * 11, 0.02 * trial];
    return { trial, point, params: Object.fromEntries(NAMES.map((n, i) => [n, point[i]])), status: 'completed', score: 0.7 + trial / 1000, std: 0.004, foldScores: [0.7, 0.7, 0.7], seconds: 1 };
  });
}

describe('search report: evaluations histograms', () => {
  it('bars each value of a short integer range, bins a wide one in whole steps, bins reals', () => {
    const evaluations = searchSpecs(trials(), NAMES, 'auc', false, undefined, DIMENSIONS).find((s) => s.id === 'evaluations')!.spec as { vconcat: { hconcat: { encoding: { x: { bin?: unknown } } }[] }[] };
    const bins = evaluations.vconcat[0].hconcat.map((h) => h.encoding.x.bin);
    assert.deepEqual(bins, [undefined, { maxbins: 15, minstep: 1 }, { maxbins: 15 }]);
  });
});
