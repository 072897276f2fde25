import type { Diagnostics } from '../../shared/diagnostics';
import type { EpochRecord } from '../../shared/run';
import { appendAll, maxOf } from '../util/arrays';

import { processSpecs } from './processSpecs';
import { cutSliderSpec } from './workingPointSpecs';
import { SCHEMA, type NamedSpec, type VegaLiteSpec } from './vegaLite';

export { SCHEMA, type NamedSpec, type VegaLiteSpec } from './vegaLite';
export const CLASS_COLORS = { domain: ['signal', 'background'], range: ['#1f77b4', '#d62728'] };

function featureSpec(d: Diagnostics): VegaLiteSpec {
  const values = d.features!.flatMap((f) =>
    f.signal.flatMap((s, b) => [
      { feature: f.name, x: f.edges[b], x2: f.edges[b + 1], class: 'signal', density: s },
      { feature: f.name, x: f.edges[b], x2: f.edges[b + 1], class: 'background', density: f.background[b] },
    ]),
  );
  return {
    $schema: SCHEMA,
    data: { values },
    facet: { field: 'feature', type: 'nominal', title: null, sort: d.features!.map((f) => f.name) },
    columns: 4,
    spec: {
      width: 170,
      height: 110,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } },
        y: { field: 'density', type: 'quantitative', title: 'normalised' },
        color: { field: 'class', type: 'nominal', scale: CLASS_COLORS, title: null },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

function correlationSpec(d: Diagnostics): VegaLiteSpec {
  const c = d.correlation!;
  const cells = (label: string, matrix: number[][]) =>
    matrix.flatMap((row, a) => row.map((r, b) => ({ class: label, row: c.features[a], column: c.features[b], r: Number.isFinite(r) ? Math.round(r * 100) : null })));
  const size = Math.max(200, Math.min(420, c.features.length * 16));
  return {
    $schema: SCHEMA,
    data: { values: [...cells('signal', c.signal), ...cells('background', c.background)] },
    facet: { column: { field: 'class', type: 'nominal', title: null, sort: ['signal', 'background'] } },
    spec: {
      width: size,
      height: size,
      mark: 'rect',
      encoding: {
        x: { field: 'column', type: 'nominal', sort: c.features, title: null },
        y: { field: 'row', type: 'nominal', sort: c.features, title: null },
        color: { field: 'r', type: 'quantitative', title: 'correlation (%)', scale: { scheme: 'redblue', domain: [-100, 100], reverse: true } },
        tooltip: [{ field: 'row' }, { field: 'column' }, { field: 'r', title: 'correlation (%)' }],
      },
    },
  };
}

/** Loss, AUC and accuracy per epoch (also drawn live from history.json while a run trains). */
export function historySpec(history: EpochRecord[]): VegaLiteSpec {
  const values = history.flatMap((e) => [
    { epoch: e.epoch, metric: 'loss', sample: 'training', value: e.train_loss },
    { epoch: e.epoch, metric: 'loss', sample: 'validation', value: e.val_loss ?? null },
    { epoch: e.epoch, metric: 'AUC', sample: 'training', value: e.train_auc },
    { epoch: e.epoch, metric: 'AUC', sample: 'validation', value: e.val_auc ?? null },
    { epoch: e.epoch, metric: 'accuracy', sample: 'training', value: e.train_accuracy },
    { epoch: e.epoch, metric: 'accuracy', sample: 'validation', value: e.val_accuracy ?? null },
  ]);
  return {
    $schema: SCHEMA,
    data: { values: values.filter((v) => v.value !== null) },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: ['loss', 'AUC', 'accuracy'] } },
    spec: {
      width: 240,
      height: 180,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: null },
        color: { field: 'sample', type: 'nominal', title: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/**
 * ROC-style curves on the unit square, one line per value of the `color` field, each drawn in
 * `order`; axes as [field, title].
 */
export function rocLines(x: [string, string], y: [string, string], color: string, order: string, legend?: Record<string, unknown>): VegaLiteSpec {
  return {
    mark: { type: 'line', clip: true },
    encoding: {
      x: { field: x[0], type: 'quantitative', title: x[1], scale: { domain: [0, 1] } },
      y: { field: y[0], type: 'quantitative', title: y[1], scale: { domain: [0, 1] } },
      color: { field: color, type: 'nominal', title: null, ...(legend ? { legend } : {}) },
      order: { field: order, type: 'quantitative' },
    },
  };
}

function rocSpec(d: Diagnostics): VegaLiteSpec {
  const roc = d.roc!;
  const rows = (label: string, points: { fpr: number[]; tpr: number[]; auc: number }) =>
    points.fpr.map((fpr, i) => ({ sample: `${label} (AUC ${points.auc.toFixed(4)})`, fpr, tpr: points.tpr[i], rejection: 1 - fpr }));
  const values = [...rows('test', roc.test), ...rows('training', roc.train)];
  return {
    $schema: SCHEMA,
    data: { values },
    hconcat: [
      { width: 300, height: 300, ...rocLines(['tpr', 'signal efficiency'], ['rejection', 'background rejection'], 'sample', 'fpr') },
      { width: 300, height: 300, ...rocLines(['fpr', 'false positive rate'], ['tpr', 'true positive rate'], 'sample', 'fpr') },
    ],
  };
}

function overtrainingSpec(d: Diagnostics): VegaLiteSpec {
  const o = d.overtraining!;
  const bars = (label: string, counts: number[], sample: string) =>
    counts.map((density, b) => ({ x: o.edges[b], x2: o.edges[b + 1], centre: (o.edges[b] + o.edges[b + 1]) / 2, density, class: label, sample }));
  const test = [...bars('signal', o.testSignal, 'test'), ...bars('background', o.testBackground, 'test')];
  const train = [...bars('signal', o.trainSignal, 'training'), ...bars('background', o.trainBackground, 'training')];
  const fmt = (p: { statistic: number; pValue: number }) => `D=${p.statistic.toFixed(3)}, p=${p.pValue.toPrecision(3)}`;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Classifier output: test (filled) vs training (points)',
      subtitle: `Kolmogorov-Smirnov test: signal ${fmt(o.ks.signal)}; background ${fmt(o.ks.background)}`,
    },
    width: 520,
    height: 300,
    layer: [
      {
        data: { values: test },
        mark: { type: 'rect', opacity: 0.35 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: `${d.signalClass} probability`, scale: { domain: [0, 1] } },
          x2: { field: 'x2' },
          y: { field: 'density', type: 'quantitative', title: 'normalised', stack: null },
          color: { field: 'class', type: 'nominal', scale: CLASS_COLORS, title: null },
        },
      },
      {
        data: { values: train },
        mark: { type: 'point', filled: true, size: 25 },
        encoding: {
          x: { field: 'centre', type: 'quantitative' },
          y: { field: 'density', type: 'quantitative' },
          color: { field: 'class', type: 'nominal', scale: CLASS_COLORS, title: null },
          shape: { field: 'sample', type: 'nominal', title: null },
        },
      },
    ],
  };
}

function weightsSpec(d: Diagnostics): VegaLiteSpec {
  const w = d.weights!;
  const values = w.values.flatMap((row, f) => row.map((value, unit) => ({ feature: w.features[f], unit, weight: value })));
  const maxAbs = maxOf(values.map((v) => Math.abs(v.weight)), 1e-9);
  return {
    $schema: SCHEMA,
    width: Math.max(300, Math.min(900, w.units * 3)),
    height: Math.max(150, w.features.length * 14),
    data: { values },
    mark: 'rect',
    encoding: {
      x: { field: 'unit', type: 'ordinal', title: 'hidden unit', axis: { labels: w.units <= 64, ticks: w.units <= 64 } },
      y: { field: 'feature', type: 'nominal', sort: w.features, title: null },
      color: { field: 'weight', type: 'quantitative', scale: { scheme: 'redblue', domain: [-maxAbs, maxAbs], reverse: true } },
      tooltip: [{ field: 'feature' }, { field: 'unit' }, { field: 'weight', format: '.4f' }],
    },
  };
}

function efficiencySpec(d: Diagnostics): VegaLiteSpec {
  const e = d.efficiency!;
  const values = e.backgroundEfficiencies.flatMap((b, i) => [
    { background: `B = ${b}`, sample: 'test', efficiency: e.test[i] },
    { background: `B = ${b}`, sample: 'training', efficiency: e.train[i] },
  ]);
  return {
    $schema: SCHEMA,
    data: { values },
    width: 300,
    height: 180,
    mark: 'bar',
    encoding: {
      x: { field: 'background', type: 'nominal', title: 'background efficiency', axis: { labelAngle: 0 } },
      xOffset: { field: 'sample' },
      y: { field: 'efficiency', type: 'quantitative', title: 'signal efficiency', scale: { domain: [0, 1] } },
      color: { field: 'sample', type: 'nominal', title: null },
      tooltip: [{ field: 'background' }, { field: 'sample' }, { field: 'efficiency', format: '.4f' }],
    },
  };
}

function multiclassRocSpec(d: Diagnostics): VegaLiteSpec {
  const m = d.multiclass!;
  const values = m.roc.flatMap((r) => r.fpr.map((fpr, i) => ({ class: `${r.class} vs rest (AUC ${r.auc.toFixed(4)})`, fpr, tpr: r.tpr[i] })));
  return { $schema: SCHEMA, width: 340, height: 300, data: { values }, ...rocLines(['fpr', 'false positive rate'], ['tpr', 'true positive rate'], 'class', 'fpr') };
}

function confusionSpec(d: Diagnostics): VegaLiteSpec {
  const m = d.multiclass!;
  const values = m.confusion.flatMap((row, t) => row.map((fraction, p) => ({ true: m.classes[t], predicted: m.classes[p], fraction })));
  const axis = { sort: m.classes };
  return {
    $schema: SCHEMA,
    width: 60 * m.classes.length + 100,
    height: 60 * m.classes.length + 40,
    data: { values },
    encoding: { x: { field: 'predicted', type: 'nominal', ...axis }, y: { field: 'true', type: 'nominal', ...axis } },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'fraction', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'fraction of true class' } } },
      { mark: { type: 'text', baseline: 'middle' }, encoding: { text: { field: 'fraction', type: 'quantitative', format: '.2f' }, color: { condition: { test: 'datum.fraction > 0.5', value: 'white' }, value: 'black' } } },
    ],
  };
}

function multiclassOutputsSpec(d: Diagnostics): VegaLiteSpec {
  const m = d.multiclass!;
  const values = m.outputs.flatMap((o) => o.byTrueClass.flatMap((counts, t) => counts.map((density, b) => ({ output: `P(${o.output})`, x: o.edges[b], class: m.classes[t], density }))));
  return {
    $schema: SCHEMA,
    data: { values },
    facet: { field: 'output', type: 'nominal', title: null },
    columns: 3,
    spec: {
      width: 220,
      height: 150,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: null, scale: { domain: [0, 1] } },
        y: { field: 'density', type: 'quantitative', title: 'normalised' },
        color: { field: 'class', type: 'nominal', title: 'true class' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The Vega-Lite specs of a run's diagnostics, in the order a report shows them. */
export function diagnosticsSpecs(d: Diagnostics): NamedSpec[] {
  const specs: NamedSpec[] = [];
  if (d.multiclass) {
    specs.push({ id: 'multiclass-roc', title: 'One-vs-rest ROC curves', spec: multiclassRocSpec(d) });
    specs.push({ id: 'confusion', title: 'Confusion matrix (test)', spec: confusionSpec(d) });
    specs.push({ id: 'multiclass-outputs', title: 'Output distributions by true class (test)', spec: multiclassOutputsSpec(d) });
  }
  if (d.roc) specs.push({ id: 'roc', title: 'ROC curve', spec: rocSpec(d) });
  if (d.overtraining) specs.push({ id: 'overtraining', title: 'Overtraining check', spec: overtrainingSpec(d) });
  const slider = cutSliderSpec(d);
  if (slider) specs.push(slider);
  if (d.efficiency) specs.push({ id: 'efficiency', title: 'Signal efficiency at fixed background efficiency', spec: efficiencySpec(d) });
  if (d.history) specs.push({ id: 'history', title: 'Training history', spec: historySpec(d.history) });
  appendAll(specs, processSpecs(d));
  if (d.features) specs.push({ id: 'features', title: `Input features (${d.weighted ? 'weighted, ' : ''}normalised)`, spec: featureSpec(d) });
  if (d.correlation) specs.push({ id: 'correlation', title: 'Linear correlation coefficients', spec: correlationSpec(d) });
  if (d.weights) specs.push({ id: 'weights', title: 'First-layer weights', spec: weightsSpec(d) });
  return specs;
}
