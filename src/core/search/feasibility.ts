import type { Rng } from '../util/random';
import { GaussianProcess } from './gaussianProcess';
import { normalCdf } from './normal';

/** A told trial's place in the unit cube and its constraint margins (> 0 broken, NaN unmeasured). */
export interface ConstrainedObservation {
  unit: number[];
  margins: number[];
}

/**
 * The probability that a point keeps every constraint: one Gaussian process per constraint over
 * its margins, independent, P = prod_i P(margin_i <= 0) (Gardner et al. 2014; Gelbart et al.
 * 2014). A constraint with no measured margin yet counts as kept.
 */
export class Feasibility {
  private constructor(private readonly models: GaussianProcess[]) {}

  static fit(observations: ConstrainedObservation[], rng: Rng): Feasibility {
    const count = observations[0]?.margins.length ?? 0;
    const models: GaussianProcess[] = [];
    for (let c = 0; c < count; c++) {
      const measured = observations.filter((o) => Number.isFinite(o.margins[c]));
      if (measured.length) models.push(GaussianProcess.fit(measured.map((o) => o.unit), measured.map((o) => o.margins[c]), rng));
    }
    return new Feasibility(models);
  }

  probability(points: number[][]): number[] {
    const p = new Array<number>(points.length).fill(1);
    for (const model of this.models) {
      const { mean, std } = model.predict(points);
      mean.forEach((m, i) => {
        p[i] *= std[i] > 0 ? normalCdf(-m / std[i]) : m <= 0 ? 1 : 0;
      });
    }
    return p;
  }
}

/** Whether a told trial kept every constraint (unmeasured ones count as kept). */
export function keptAll(margins: number[] | undefined): boolean {
  return !margins || margins.every((m) => !(m > 0));
}
