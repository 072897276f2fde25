import type { TrialRecord } from '../../shared/search';
import { createRng } from '../util/random';
import type { ConfigSpace } from '../search/configSpace';
import { GaussianProcess } from '../search/gaussianProcess';
import { Space } from '../search/space';

export interface PartialDependence {
  /** Per searched dimension: values along it and the surrogate's mean score there. */
  curves: { name: string; values: (number | string)[]; score: number[] }[];
  /** Each parameter's share of the main effects (sums to one). */
  importance: { name: string; importance: number }[];
}

const PD_POINTS = 30;
const PD_SAMPLES = 200;

const variance = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
};

/**
 * 1-D partial dependence of a GP fitted to the completed trials (scikit-optimize's plot_objective
 * diagonal), and each parameter's importance: the variance of its partial dependence (its main
 * effect, as fANOVA's first-order terms, here over the GP instead of a random forest), as a share
 * of the parameters' summed main effects (Optuna's importances also sum to one).
 */
export function partialDependence(space: ConfigSpace, trials: TrialRecord[]): PartialDependence | undefined {
  const done = trials.filter((t) => t.status === 'completed' && Number.isFinite(t.score));
  if (done.length < 3) return undefined;
  const s = new Space(space.dimensions);
  const rng = createRng('partial-dependence');
  const gp = GaussianProcess.fit(done.map((t) => s.transform(t.point)), done.map((t) => t.score!), rng);
  const samples = Array.from({ length: PD_SAMPLES }, () => s.randomUnit(rng));
  const curves = space.names.map((name, i) => {
    const d = space.dimensions[i];
    const raw = d.type === 'categorical' ? d.categories.map((_, c) => (d.categories.length === 1 ? 0.5 : c / (d.categories.length - 1))) : Array.from({ length: PD_POINTS }, (_, p) => p / (PD_POINTS - 1));
    // Integers and categories: each distinct value once.
    const grid = [...new Set(raw.map((u) => s.snap(samples[0].map((v, j) => (j === i ? u : v)))[i]))];
    const score = grid.map((u) => {
      const { mean } = gp.predict(samples.map((sample) => sample.map((v, j) => (j === i ? u : v))));
      return mean.reduce((a, b) => a + b, 0) / mean.length;
    });
    const values = grid.map((u) => s.inverse(samples[0].map((v, j) => (j === i ? u : v)))[i]);
    return { name, values, score };
  });
  const effects = curves.map((c) => variance(c.score));
  const total = effects.reduce((a, b) => a + b, 0);
  return { curves, importance: curves.map((c, i) => ({ name: c.name, importance: total > 0 ? effects[i] / total : 0 })) };
}
