// A live dashboard swaps a drawn view's data when a newer spec has the same shape (Vega changesets).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { historySpec } from '../../src/core/report/specs';
import type { EpochRecord } from '../../src/shared/run';
import { LIVE_DATA, liveValues, shapeOf, withNamedData } from '../../webview/liveData';

const epochs = (n: number): EpochRecord[] =>
  Array.from({ length: n }, (_, i) => ({ epoch: i + 1, train_loss: 1 / (i + 1), val_loss: 1.1 / (i + 1), train_auc: 0.7 + i / 100, val_auc: 0.69, train_accuracy: 0.6, val_accuracy: 0.6 }) as EpochRecord);

// Vega's node build is an ES module with top-level await: imported as one, not required.
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
let vega: typeof Vega;
let vl: typeof VegaLite;

async function drawn(spec: Record<string, unknown>): Promise<Vega.View> {
  vega ??= await importModule<typeof Vega>('vega');
  vl ??= await importModule<typeof VegaLite>('vega-lite');
  const view = new vega.View(vega.parse(vl.compile(withNamedData(spec) as never).spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

const symbols = async (view: Vega.View) => (await view.toSVG()).split('<path').length - 1;

describe('live dashboard data', () => {
  it('a history of more epochs has the shape of the drawn one: the view takes its rows and draws the new points', async () => {
    const [two, five] = [historySpec(epochs(2)), historySpec(epochs(5))];
    assert.equal(shapeOf(two), shapeOf(five));
    const view = await drawn(two);
    assert.equal(view.data(LIVE_DATA).length, 12);
    const before = await symbols(view);
    await view.change(LIVE_DATA, vega.changeset().remove(() => true).insert(liveValues(five)!)).runAsync();
    assert.equal(view.data(LIVE_DATA).length, 30);
    assert.equal((await symbols(view)) - before, 18, 'three more epochs x six lines, one point each');
  });

  it('a spec of another shape is drawn anew, and one without inline values is left as it is', () => {
    const history = historySpec(epochs(2));
    assert.notEqual(shapeOf(history), shapeOf({ ...history, facet: { column: { field: 'sample' } } }));
    const named = { data: { name: 'other' }, mark: 'point' };
    assert.equal(withNamedData(named), named);
    assert.equal(liveValues(named), undefined);
  });
});
