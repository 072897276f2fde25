// The report opens offline in a real browser and every plot draws; data strings stay text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { EventTable } from '../../src/core/data/dataset';
import { computeDiagnostics } from '../../src/core/diagnostics/compute';
import { REPORT_COLOURS, renderReport } from '../../src/core/report/html';
import { diagnosticsSpecs } from '../../src/core/report/specs';
import { createRng } from '../../src/core/util/random';
import type { RunRecord } from '../../src/shared/run';
import { needChromium, renderedDom } from '../helpers/chromium';
import { tempDir } from '../helpers/paths';
import { gaussian } from '../helpers/synthetic';

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"></script>';

function sample(n: number, seed: number, names: string[]) {
  const rng = createRng(seed);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
  const columns = names.map(() => Float32Array.from(labels, (l) => gaussian(rng) + (l === 0 ? 0.7 : 0)));
  const scores = Float32Array.from(labels, (l) => 1 / (1 + Math.exp(-(gaussian(rng) + (l === 0 ? 1 : -1)))));
  const table: EventTable = { featureNames: names, columns, spectatorNames: [], spectators: [], labels, weights: new Float64Array(n).fill(1), sources: new Uint16Array(n), entries: Float64Array.from({ length: n }, (_, i) => i), classes: ['signal', 'background'], size: n, samples: [] };
  return { table, scores };
}

function record(name: string): RunRecord {
  return {
    id: 'r1', name, status: 'completed', kind: 'train', configFile: 'x.hepml.json', backend: 'wasm', versions: {}, seeds: { split: 1, training: 1 },
    created: new Date().toISOString(), pid: 1, metrics: { auc: 0.8, accuracy: 0.7, loss: 0.5 }, epochs: 2, bestEpoch: 2,
    ks: { signal: { statistic: 0.1, pValue: 0.5 }, background: { statistic: 0.1, pValue: 0.5 } },
  };
}

/** '#1e1e1e' as the browser writes it: 'rgb(30, 30, 30)'. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe('report.html', () => {
  const names = ['pt', 'eta', HOSTILE];
  const diagnostics = computeDiagnostics(
    {
      wanted: ['features', 'correlation', 'history', 'roc', 'overtraining', 'weights', 'efficiency'],
      train: sample(2000, 1, names),
      test: sample(500, 2, names),
      history: [1, 2].map((epoch) => ({ epoch, loss: 0.6 / epoch, train_loss: 0.6 / epoch, train_accuracy: 0.6, train_auc: 0.7, val_loss: 0.65, val_accuracy: 0.6, val_auc: 0.68, seconds: 1 })),
      firstLayerKernel: { values: Float32Array.from({ length: 3 * 5 }, (_, i) => Math.sin(i)), units: 5 },
      weighted: false,
    },
    names,
    'signal',
  );

  it('has a spec per diagnostic and inlines its scripts (no network)', () => {
    assert.deepEqual(diagnosticsSpecs(diagnostics).map((s) => s.id), ['roc', 'overtraining', 'efficiency', 'history', 'features', 'correlation', 'weights']);
    const html = renderReport(record(HOSTILE), diagnostics);
    assert.doesNotMatch(html, /<script[^>]+src=/);
    assert.doesNotMatch(html, /https?:\/\/(?!vega\.github\.io\/schema)[^"'\s]*\.js/);
    assert.equal(html.split(HOSTILE).length, 1, 'the hostile name never appears unescaped');
  });

  it('draws every plot in Chromium, with data strings shown as text', (t) => {
    const chromium = needChromium(t);
    if (!chromium) return;
    const file = path.join(tempDir(), 'report.html');
    fs.writeFileSync(file, renderReport(record(HOSTILE), diagnostics));
    const dom = renderedDom(chromium, `file://${file}`);
    const plots = dom.split('class="plot').slice(1);
    assert.equal(plots.length, 7);
    for (const plot of plots) {
      const body = plot.slice(0, plot.indexOf('</section>'));
      assert.match(body, /<svg/, 'a plot has an svg');
      assert.match(body, /role-mark|class="mark-/, 'the svg has marks');
      assert.doesNotMatch(body, /Could not draw/);
    }
    assert.doesNotMatch(dom, /<title>pwned/);
    assert.doesNotMatch(dom, /<img src="x"/);
    assert.match(dom, /&lt;img src=x onerror=/);
  });

  it("follows the reader's colour scheme: plots on the page's background, light or dark", (t) => {
    const chromium = needChromium(t);
    if (!chromium) return;
    const file = path.join(tempDir(), 'report.html');
    fs.writeFileSync(file, renderReport(record('scheme'), diagnostics));
    for (const scheme of ['light', 'dark'] as const) {
      const dom = renderedDom(chromium, `file://${file}`, scheme);
      assert.match(dom, new RegExp(`<html lang="en" data-scheme="${scheme}">`));
      // Vega paints each plot's background, and its axis labels in the text colour: the scheme's.
      const backgrounds = [...dom.matchAll(/<svg[^>]*class="marks"[^>]*background-color: (rgb\([^)]*\))/g)].map((m) => m[1]);
      assert.equal(backgrounds.length, 7, 'a background per plot');
      assert.deepEqual(new Set(backgrounds), new Set([rgb(REPORT_COLOURS[scheme].background)]));
      assert.match(dom, new RegExp(`fill="${REPORT_COLOURS[scheme].text}"`), 'axis labels in the text colour');
    }
  });
});
