import type { TrialRecord } from '../../shared/search';
import { lowerIsBetter, paretoChoice } from '../search/objectives';
import { INFEASIBLE_COLOUR } from './explanationSpecs';
import { rankable, shownStatus } from './trialStatus';
import { SCHEMA, type VegaLiteSpec } from './vegaLite';

const TITLES: Record<string, string> = { fitSeconds: 'seconds per fold', parameters: 'trainable parameters', ksPValue: 'overtraining KS p-value' };

/** The front of a two-objective search's rankable trials, and the one-standard-error choice among them. */
export function frontOf(trials: TrialRecord[], objectives: string[]): { front: TrialRecord[]; chosen?: TrialRecord } {
  const candidates = rankable(trials).filter((t) => t.objectives);
  const { front, chosen } = paretoChoice(candidates.map((t) => ({ trial: t.trial, objectives: t.objectives!, std: t.std ?? 0 })), objectives);
  const byTrial = new Map(candidates.map((t) => [t.trial, t]));
  return { front: front.map((t) => byTrial.get(t)!), chosen: chosen === undefined ? undefined : byTrial.get(chosen) };
}

/**
 * The two objectives of every completed trial against each other (Optuna's plot_pareto_front):
 * the front joined by a step line, dominated trials grey, infeasible ones purple diamonds, the
 * trial refitted ringed in red.
 */
export function paretoSpec(trials: TrialRecord[], objectives: string[]): VegaLiteSpec {
  const { front, chosen } = frontOf(trials, objectives);
  const onFront = new Set(front.map((t) => t.trial));
  const values = trials
    .filter((t) => t.status === 'completed' && t.objectives?.every(Number.isFinite))
    .map((t) => ({ trial: t.trial + 1, a: t.objectives![0], b: t.objectives![1], status: onFront.has(t.trial) ? 'front' : shownStatus(t) === 'infeasible' ? 'infeasible' : 'dominated', ...(t.violations?.length ? { violations: t.violations.join('; ') } : {}) }));
  const axis = (i: number) => ({
    field: i === 0 ? 'a' : 'b',
    type: 'quantitative',
    title: i === 0 ? `CV ${objectives[0]}` : (TITLES[objectives[1]] ?? `CV ${objectives[1]}`),
    scale: { zero: false, ...(objectives[i] === 'parameters' || objectives[i] === 'ksPValue' ? { type: 'log' } : {}) },
  });
  const tooltip = [{ field: 'trial' }, { field: 'a', title: objectives[0], format: '.4g' }, { field: 'b', title: objectives[1], format: '.4g' }, { field: 'status' }];
  const line = [...front].sort((x, y) => x.objectives![0] - y.objectives![0]).map((t) => ({ a: t.objectives![0], b: t.objectives![1] }));
  return {
    $schema: SCHEMA,
    usermeta: { trialField: 'trial' },
    width: 420,
    height: 280,
    layer: [
      { data: { values: line }, mark: { type: 'line', interpolate: lowerIsBetter(objectives[1]) === lowerIsBetter(objectives[0]) ? 'step-before' : 'step-after', color: '#1f77b4', opacity: 0.6 }, encoding: { x: axis(0), y: axis(1) } },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 60, cursor: 'pointer' },
        encoding: {
          x: axis(0),
          y: axis(1),
          color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['front', 'dominated', 'infeasible'], range: ['#1f77b4', '#b0b0b0', INFEASIBLE_COLOUR] } },
          shape: { field: 'status', type: 'nominal', legend: null, scale: { domain: ['front', 'dominated', 'infeasible'], range: ['circle', 'circle', 'diamond'] } },
          tooltip,
        },
      },
      ...(chosen ? [{ data: { values: [{ a: chosen.objectives![0], b: chosen.objectives![1], trial: chosen.trial + 1 }] }, mark: { type: 'point', size: 260, strokeWidth: 2, color: '#d62728', filled: false }, encoding: { x: axis(0), y: axis(1), tooltip: [{ field: 'trial', title: 'refitted trial' }] } }] : []),
    ],
  };
}
