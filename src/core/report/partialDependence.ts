import type { TrialRecord } from '../../shared/search';
import type { PartialDependence } from './searchSpecs';
import { createRng } from '../util/random';
import type { ConfigSpace } from '../search/configSpace';
import { GaussianProcess } from '../search/gaussianProcess';
import { Space } from '../search/space';

const PD_POINTS = 30;
const PD_SAMPLES = 200;

/** 1-D partial dependence of a GP fitted to the completed trials (scikit-optimize's plot_objective diagonal). */
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
  return { curves };
}
