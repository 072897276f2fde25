import type { TrialRecord } from '../../shared/search';
import type { Dimension } from '../search/space';
import { SCHEMA, type NamedSpec, type VegaLiteSpec } from './specs';
import { importanceSpec, INFEASIBLE_COLOUR, parallelCoordinatesSpec, sliceSpecs } from './explanationSpecs';
import { frontOf, paretoSpec } from './paretoSpecs';
import { rankable, shownStatus } from './trialStatus';
import type { PartialDependence } from './partialDependence';



/** How the evaluations plot marks a trial: the best, a completed one, one the pruner stopped, a failed one, one that broke a constraint. */
const MARKS = ['sampled', 'best', 'pruned', 'failed', 'infeasible'];

function trialMark(trial: TrialRecord, bestTrial: number | undefined): string {
  if (trial.trial === bestTrial) return 'best';
  const status = shownStatus(trial);
  return status === 'completed' ? 'sampled' : status;
}

/** Best score so far against the call number, with every evaluation as a point (plot_convergence). */
function convergenceSpec(trials: TrialRecord[], scoring: string, lowerBetter: boolean): VegaLiteSpec {
  let best: number | undefined;
  const values = trials
    .filter((t) => t.status !== 'running')
    .map((t) => {
      const status = shownStatus(t);
      // The best so far counts only trials that kept the constraints.
      if (status === 'completed' && Number.isFinite(t.score) && (best === undefined || (lowerBetter ? t.score! < best : t.score! > best))) best = t.score;
      return { call: t.trial + 1, score: Number.isFinite(t.score) ? t.score : null, best: best ?? null, status, ...(t.pruned ? { prunedAt: `fold ${t.pruned.fold + 1}, epoch ${t.pruned.epoch}` } : {}), ...(t.violations?.length ? { violations: t.violations.join('; ') } : {}) };
    });
  const pruned = values.some((v) => v.status === 'pruned');
  const infeasible = values.some((v) => v.status === 'infeasible');
  return {
    $schema: SCHEMA,
    // The dashboard opens the trial of a clicked point (its call number).
    usermeta: { trialField: 'call' },
    width: 480,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'line', interpolate: 'step-after', color: '#1f77b4' }, encoding: { x: { field: 'call', type: 'quantitative', title: 'trial', axis: { tickMinStep: 1, format: 'd' } }, y: { field: 'best', type: 'quantitative', title: `best ${scoring} so far`, scale: { zero: false } } } },
      { transform: [{ filter: "datum.status !== 'infeasible'" }], mark: { type: 'point', filled: true, color: '#888', cursor: 'pointer' }, encoding: { x: { field: 'call', type: 'quantitative' }, y: { field: 'score', type: 'quantitative', title: `CV ${scoring}` }, tooltip: [{ field: 'call', title: 'trial' }, { field: 'score', title: scoring, format: '.4f' }] } },
      // Trials that broke a constraint: purple diamonds at their score, never the best.
      ...(infeasible
        ? [{ transform: [{ filter: "datum.status === 'infeasible'" }], mark: { type: 'point', shape: 'diamond', color: INFEASIBLE_COLOUR, cursor: 'pointer' }, encoding: { x: { field: 'call', type: 'quantitative' }, y: { field: 'score', type: 'quantitative' }, tooltip: [{ field: 'call', title: 'trial' }, { field: 'score', title: scoring, format: '.4f' }, { field: 'violations', title: 'infeasible' }] } }]
        : []),
      // Pruned trials have no CV score: a cross at the foot of the plot at their call number.
      ...(pruned
        ? [{ transform: [{ filter: "datum.status === 'pruned'" }], mark: { type: 'point', shape: 'cross', color: '#8c8c8c', cursor: 'pointer', yOffset: -4 }, encoding: { x: { field: 'call', type: 'quantitative' }, y: { value: 260 }, tooltip: [{ field: 'call', title: 'trial' }, { field: 'status' }, { field: 'prunedAt', title: 'pruned at' }] } }]
        : []),
    ],
  };
}

/** A data key as a Vega-Lite field: dots and brackets would otherwise mean nested access. */
function field(name: string): string {
  return name.replace(/[.[\]\\]/g, (c) => `\\${c}`);
}

/** How a searched parameter is drawn: its scale (log for log-uniform priors) and whole-number ticks for integers. */
function axisOf(name: string, dimension: Dimension | undefined, numeric: boolean): Record<string, unknown> {
  const base = { field: field(name), title: name };
  if (!numeric) return { ...base, type: 'nominal', sort: dimension?.type === 'categorical' ? dimension.categories : undefined };
  const log = dimension && dimension.type !== 'categorical' && dimension.prior === 'log-uniform';
  const integer = dimension?.type === 'integer';
  return { ...base, type: 'quantitative', scale: { zero: false, ...(log ? { type: 'log' } : {}) }, axis: integer ? { tickMinStep: 1, format: 'd' } : log ? { format: '~g' } : {} };
}

/** Bars of an evaluations histogram at most. */
const MAX_BINS = 15;

/**
 * Histograms of the sampled values, and each pair of numeric parameters once (below the
 * diagonal, as plot_evaluations), the best point marked.
 */
function evaluationsSpec(trials: TrialRecord[], names: string[], bestTrial: number | undefined, dimensions: (Dimension | undefined)[]): VegaLiteSpec {
  const values = trials.map((t) => ({ ...Object.fromEntries(names.map((n) => [n, t.params[n]])), trial: t.trial + 1, status: trialMark(t, bestTrial) }));
  const numeric = (name: string) => trials.length > 0 && typeof trials[0].params[name] === 'number';
  const axis = (i: number) => axisOf(names[i], dimensions[i], numeric(names[i]));
  const histograms = names.map((name, i) => {
    const x = axis(i);
    const log = (x.scale as { type?: string } | undefined)?.type === 'log';
    // Values binned on a linear axis; on a log axis (and for categories and integers of a short
    // range) each value is a bar. Integers bin in whole steps.
    const dimension = dimensions[i];
    const integer = dimension?.type === 'integer';
    const binned = numeric(name) && !log && (!integer || dimension.high - dimension.low + 1 > MAX_BINS);
    return {
      width: 150,
      height: 100,
      mark: { type: 'bar', ...(binned ? {} : { width: { band: 0.8 } }) },
      encoding: { x: { ...x, ...(binned ? { bin: { maxbins: MAX_BINS, ...(integer ? { minstep: 1 } : {}) } } : {}) }, y: { aggregate: 'count', type: 'quantitative', title: 'trials', axis: { tickMinStep: 1, format: 'd' } } },
    };
  });
  const numericIndices = names.map((_, i) => i).filter((i) => numeric(names[i]));
  const pairRows = numericIndices.slice(1).map((rowIndex, r) => ({
    hconcat: numericIndices.slice(0, r + 1).map((columnIndex) => ({
      width: 150,
      height: 150,
      mark: { type: 'point', filled: true, cursor: 'pointer' },
      encoding: {
        x: axis(columnIndex),
        y: axis(rowIndex),
        color: { field: 'status', type: 'nominal', scale: { domain: MARKS, range: ['#1f77b4', '#d62728', '#8c8c8c', '#ff7f0e', INFEASIBLE_COLOUR] }, title: null },
        shape: { field: 'status', type: 'nominal', scale: { domain: MARKS, range: ['circle', 'circle', 'cross', 'triangle', 'diamond'] }, legend: null },
        size: { field: 'status', type: 'nominal', scale: { domain: MARKS, range: [30, 150, 40, 40, 40] }, legend: null },
        tooltip: [{ field: 'trial' }, { field: 'status' }, ...names.map((n) => ({ field: field(n), title: n }))],
      },
    })),
  }));
  return { $schema: SCHEMA, usermeta: { trialField: 'trial' }, data: { values }, vconcat: [{ hconcat: histograms }, ...pairRows] };
}

function partialDependenceSpec(pd: PartialDependence, scoring: string): VegaLiteSpec {
  const values = pd.curves.flatMap((c) => c.values.map((v, i) => ({ name: c.name, x: typeof v === 'number' ? v : String(v), score: c.score[i] })));
  return {
    $schema: SCHEMA,
    data: { values },
    facet: { field: 'name', type: 'nominal', title: null },
    columns: 3,
    spec: { width: 200, height: 140, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } }, y: { field: 'score', type: 'quantitative', title: `surrogate ${scoring}`, scale: { zero: false } } } },
    resolve: { scale: { x: 'independent' } },
  };
}

export function searchSpecs(trials: TrialRecord[], names: string[], scoring: string, lowerBetter: boolean, partialDependence?: PartialDependence, dimensions: (Dimension | undefined)[] = [], objectives: string[] = []): NamedSpec[] {
  const ranked = rankable(trials).sort((a, b) => (lowerBetter ? a.score! - b.score! : b.score! - a.score!));
  // A two-objective search refits the front's one-standard-error choice, not the best score.
  const best = objectives.length ? frontOf(trials, objectives).chosen : ranked[0];
  const specs: NamedSpec[] = [
    { id: 'convergence', title: 'Convergence', spec: convergenceSpec(trials, scoring, lowerBetter) },
    { id: 'evaluations', title: 'Evaluations', spec: evaluationsSpec(trials, names, best?.trial, dimensions) },
    ...(objectives.length ? [{ id: 'pareto', title: `Pareto front: ${objectives.join(' against ')}`, spec: paretoSpec(trials, objectives) }] : []),
  ];
  if (partialDependence) {
    specs.push({ id: 'importance', title: 'Hyper-parameter importance', spec: importanceSpec(partialDependence) });
    specs.push({ id: 'partial-dependence', title: 'Partial dependence of the surrogate', spec: partialDependenceSpec(partialDependence, scoring) });
  }
  const known = dimensions.every((d): d is Dimension => d !== undefined) && dimensions.length === names.length;
  if (known && names.length >= 2) specs.push({ id: 'parallel-coordinates', title: 'Parallel coordinates', spec: parallelCoordinatesSpec(trials, names, dimensions, scoring) });
  if (known && names.length >= 1) specs.push({ id: 'slices', title: 'Slices: score against each parameter', spec: sliceSpecs(trials, names, dimensions, scoring) });
  return specs;
}
