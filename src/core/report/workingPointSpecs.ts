import type { Diagnostics, WorkingPoint } from '../../shared/diagnostics';
import type { HtmlTable } from './htmlTable';
import { SCHEMA, type NamedSpec } from './vegaLite';

// Working points in reports and dashboards: a table at fixed efficiencies and the best-Z cut, and
// a cut slider (a Vega-Lite parameter bound to a range input, no script of ours) showing S, B, Z
// and the efficiencies at the chosen cut.

const LINES: [keyof WorkingPoint, string][] = [
  ['cut', 'output cut'],
  ['signalEfficiency', 'signal efficiency'],
  ['backgroundEfficiency', 'background efficiency'],
  ['signal', 'S (expected)'],
  ['background', 'B (expected)'],
  ['sOverSqrtB', 'S/sqrt(B)'],
  ['asimov', 'Asimov Z'],
  ['ams', 'AMS (b_reg 10)'],
];

const fmt = (x: number) => (!Number.isFinite(x) ? String(x) : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : Number(x.toPrecision(4)).toString());

export function workingPointsTable(d: Diagnostics): HtmlTable | undefined {
  const wp = d.workingPoints;
  if (!wp) return undefined;
  const rows = [...wp.points, wp.best].map((p) => [p.target, fmt(p.cut), fmt(p.signalEfficiency), fmt(p.backgroundEfficiency), fmt(p.rejection), fmt(p.signal), fmt(p.background), fmt(p.sOverSqrtB), fmt(p.asimov), fmt(p.ams)]);
  return { title: 'Working points (test events; yields scaled to the whole sample)', header: ['working point', 'cut', 'signal eff.', 'background eff.', 'rejection', 'S', 'B', 'S/sqrt(B)', 'Asimov Z', 'AMS'], rows };
}

/** Z, S/sqrt(B) and the efficiencies against the cut, and the values at the slider's cut. */
export function cutSliderSpec(d: Diagnostics): NamedSpec | undefined {
  const wp = d.workingPoints;
  if (!wp || wp.curve.length === 0) return undefined;
  const values = wp.curve.map((p) => ({ cut: p.cut, signalEfficiency: p.signalEfficiency, backgroundEfficiency: p.backgroundEfficiency, signal: p.signal, background: p.background, sOverSqrtB: Number.isFinite(p.sOverSqrtB) ? p.sOverSqrtB : null, asimov: p.asimov, ams: p.ams }));
  const spec = {
    $schema: SCHEMA,
    params: [{ name: 'cut', value: Number(wp.best.cut.toFixed(3)), bind: { input: 'range', min: 0, max: 1, step: 0.001, name: 'output cut ' } }],
    data: { values },
    hconcat: [
      {
        width: 360,
        height: 240,
        layer: [
          {
            transform: [{ fold: ['asimov', 'ams'], as: ['measure', 'value'] }],
            mark: { type: 'line' },
            encoding: {
              x: { field: 'cut', type: 'quantitative', title: 'output cut', scale: { domain: [0, 1] } },
              y: { field: 'value', type: 'quantitative', title: 'significance' },
              color: { field: 'measure', type: 'nominal', title: null },
            },
          },
          { data: { values: [{}] }, transform: [{ calculate: 'cut', as: 'at' }], mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x: { field: 'at', type: 'quantitative' } } },
        ],
      },
      {
        width: 260,
        height: 240,
        title: 'At the cut',
        transform: [
          { filter: 'datum.cut >= cut' },
          { window: [{ op: 'row_number', as: 'rank' }], sort: [{ field: 'cut', order: 'ascending' }] },
          { filter: 'datum.rank == 1' },
          { fold: LINES.map(([key]) => key), as: ['key', 'value'] },
          { calculate: `{${LINES.map(([key, label]) => `'${key}': '${label}'`).join(', ')}}[datum.key]`, as: 'label' },
          { calculate: "datum.label + ':  ' + format(datum.value, '.4~g')", as: 'line' },
        ],
        mark: { type: 'text', align: 'left', fontSize: 13 },
        encoding: { y: { field: 'label', type: 'nominal', sort: LINES.map(([, label]) => label), axis: null }, text: { field: 'line' }, x: { value: 0 } },
      },
    ],
  };
  return { id: 'cut-slider', title: `Cut on the output: S, B and significance (best Asimov Z ${fmt(wp.best.asimov)} at ${fmt(wp.best.cut)})`, spec };
}
