import type { TrialRecord } from '../../shared/search';
import { samplePoint } from '../search/configSpace';
import { Space, type Dimension } from '../search/space';
import type { PartialDependence } from './partialDependence';
import { shownStatus } from './trialStatus';
import { SCHEMA, type VegaLiteSpec } from './vegaLite';

/** Trials that broke a constraint, in every plot. */
export const INFEASIBLE_COLOUR = '#9467bd';

// What a search says about its parameters (as Optuna's and W&B's dashboards): which mattered
// (importance), every trial across all parameters (parallel coordinates), and the score against
// each parameter (slices). Pruned and failed trials are drawn, marked, without a score.

/** Each parameter's importance, largest first. */
export function importanceSpec(pd: PartialDependence): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    width: 360,
    height: { step: 22 },
    data: { values: pd.importance.map((p) => ({ name: p.name, importance: p.importance })) },
    mark: { type: 'bar', color: '#1f77b4' },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title: 'importance (share of the main effects, GP surrogate)', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      tooltip: [{ field: 'name', title: 'parameter' }, { field: 'importance', format: '.1%' }],
    },
  };
}

/** A value as the axes print it: numbers to 4 significant digits. */
const label = (value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(4)) : String(value));

/** Labels of the parallel axes: each category at its place, a numeric range at its ends. */
function axisLabels(names: string[], dimensions: Dimension[]): { parameter: string; position: number; label: string | number }[] {
  const space = new Space(dimensions);
  const base = samplePoint(dimensions);
  return names.flatMap((parameter, i) => {
    const d = dimensions[i];
    const values: (string | number)[] = d.type === 'categorical' ? d.categories : [d.low, d.high];
    return values.map((value) => {
      const point = base.map((v, j) => (j === i ? value : v));
      return { parameter, position: space.transform(point)[i], label: label(value) };
    });
  });
}

/**
 * One line per trial across the parameters, each axis the parameter's range as the search saw it
 * (log ranges on a log scale, categories evenly spaced); completed trials coloured by score.
 */
export function parallelCoordinatesSpec(trials: TrialRecord[], names: string[], dimensions: Dimension[], scoring: string): VegaLiteSpec {
  const space = new Space(dimensions);
  const ended = trials.filter((t) => t.status !== 'running');
  const values = ended.flatMap((t) => {
    const unit = space.transform(t.point);
    const score = Number.isFinite(t.score) ? t.score : null;
    return names.map((name, i) => ({ trial: t.trial + 1, parameter: name, position: unit[i], value: label(t.params[name]), score, status: shownStatus(t) }));
  });
  return {
    $schema: SCHEMA,
    usermeta: { trialField: 'trial' },
    width: Math.max(320, 140 * names.length),
    height: 260,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.score !== null && datum.status !== 'infeasible'" }],
        mark: { type: 'line', opacity: 0.8, cursor: 'pointer' },
        encoding: {
          x: { field: 'parameter', type: 'nominal', sort: names, title: null, axis: { labelAngle: 0, domain: false, grid: true } },
          y: { field: 'position', type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
          detail: { field: 'trial', type: 'nominal' },
          color: { field: 'score', type: 'quantitative', title: `CV ${scoring}`, scale: { scheme: 'viridis' } },
          tooltip: [{ field: 'trial' }, { field: 'score', format: '.4f' }],
        },
      },
      ...[
        // Pruned and failed trials: grey dashes, no score; infeasible ones: purple dots.
        { filter: 'datum.score === null', mark: { strokeDash: [4, 3], color: '#8c8c8c', opacity: 0.6 } },
        { filter: "datum.status === 'infeasible'", mark: { strokeDash: [1, 2], color: INFEASIBLE_COLOUR, opacity: 0.8 } },
      ].map((style) => ({
        transform: [{ filter: style.filter }],
        mark: { type: 'line', cursor: 'pointer', ...style.mark },
        encoding: {
          x: { field: 'parameter', type: 'nominal', sort: names },
          y: { field: 'position', type: 'quantitative', scale: { domain: [0, 1] } },
          detail: { field: 'trial', type: 'nominal' },
          tooltip: [{ field: 'trial' }, { field: 'score', format: '.4f' }, { field: 'status' }],
        },
      })),
      {
        data: { values: axisLabels(names, dimensions) },
        mark: { type: 'text', align: 'right', dx: -5, fontSize: 9, color: '#777' },
        encoding: { x: { field: 'parameter', type: 'nominal', sort: names }, y: { field: 'position', type: 'quantitative', scale: { domain: [0, 1] } }, text: { field: 'label' } },
      },
      {
        mark: { type: 'point', filled: true, size: 18, color: '#555', cursor: 'pointer' },
        encoding: {
          x: { field: 'parameter', type: 'nominal', sort: names },
          y: { field: 'position', type: 'quantitative', scale: { domain: [0, 1] } },
          tooltip: [{ field: 'trial' }, { field: 'parameter' }, { field: 'value' }, { field: 'score', format: '.4f' }, { field: 'status' }],
        },
      },
    ],
  };
}

/** The score against each parameter, one small plot each (Optuna's plot_slice); pruned and failed trials as crosses below, infeasible ones as purple diamonds. */
export function sliceSpecs(trials: TrialRecord[], names: string[], dimensions: Dimension[], scoring: string): VegaLiteSpec {
  const ended = trials.filter((t) => t.status !== 'running');
  const values = ended.map((t) => ({ ...Object.fromEntries(names.map((n, i) => [`p${i}`, t.params[n]])), trial: t.trial + 1, score: Number.isFinite(t.score) ? t.score : null, status: shownStatus(t) }));
  const plots = names.map((name, i) => {
    const d = dimensions[i];
    const numeric = d && d.type !== 'categorical';
    const x = numeric
      ? { field: `p${i}`, type: 'quantitative', title: name, scale: { zero: false, ...(d.prior === 'log-uniform' ? { type: 'log' } : {}) }, axis: d.type === 'integer' ? { tickMinStep: 1, format: 'd' } : { format: '~g' } }
      : { field: `p${i}`, type: 'nominal', title: name, sort: d?.type === 'categorical' ? d.categories : undefined };
    return {
      width: 200,
      height: 160,
      layer: [
        { transform: [{ filter: "datum.score !== null && datum.status !== 'infeasible'" }], mark: { type: 'point', filled: true, cursor: 'pointer' }, encoding: { x, y: { field: 'score', type: 'quantitative', title: `CV ${scoring}`, scale: { zero: false } }, color: { field: 'trial', type: 'quantitative', title: 'trial', scale: { scheme: 'blues' } }, tooltip: [{ field: 'trial' }, { field: `p${i}`, title: name }, { field: 'score', format: '.4f' }] } },
        { transform: [{ filter: 'datum.score === null' }], mark: { type: 'point', shape: 'cross', color: '#8c8c8c', cursor: 'pointer' }, encoding: { x, y: { value: 160 }, tooltip: [{ field: 'trial' }, { field: `p${i}`, title: name }, { field: 'status' }] } },
        { transform: [{ filter: "datum.status === 'infeasible'" }], mark: { type: 'point', shape: 'diamond', color: INFEASIBLE_COLOUR, cursor: 'pointer' }, encoding: { x, y: { field: 'score', type: 'quantitative' }, tooltip: [{ field: 'trial' }, { field: `p${i}`, title: name }, { field: 'score', format: '.4f' }, { field: 'status' }] } },
      ],
    };
  });
  return { $schema: SCHEMA, usermeta: { trialField: 'trial' }, data: { values }, concat: plots, columns: 3, resolve: { scale: { color: 'shared', y: 'shared' } } };
}
