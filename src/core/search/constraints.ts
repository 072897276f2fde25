import type { SearchConstraints } from '../../shared/config';
import type { ConstraintValues } from '../../shared/search';
import type { FoldOutcome } from '../../shared/workerProtocol';

// A search's constraints: what a trial measured against each limit, and how far inside or
// outside it is. Margins are in decades (log10), <= 0 where the limit is kept, so one Gaussian
// process per constraint can model them whatever their units (Gardner et al. 2014).

/** The constraints set, in one fixed order (the sampler's margins follow it). */
export function constraintNames(constraints: SearchConstraints): (keyof SearchConstraints)[] {
  return (['ksPValueMin', 'maxParameters', 'maxFitSeconds'] as const).filter((name) => constraints[name] !== undefined);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * What a completed trial's folds measured: the overtraining KS p-value (per class the median
 * over folds, then the smaller class: one unlucky fold of k does not condemn a trial), the
 * network's parameters, and the mean seconds of a fold.
 */
export function constraintValues(folds: FoldOutcome[]): ConstraintValues {
  const values: ConstraintValues = {};
  const tested = folds.filter((f) => f.ks);
  if (tested.length) values.ksPValue = Math.min(median(tested.map((f) => f.ks!.signal)), median(tested.map((f) => f.ks!.background)));
  if (folds[0]?.parameters !== undefined) values.parameters = folds[0].parameters;
  if (folds.length) values.fitSeconds = folds.reduce((s, f) => s + f.seconds, 0) / folds.length;
  return values;
}

/** The smallest p-value that still counts as a number (a p-value of 0 is 1e-300). */
const SMALLEST_P = 1e-300;

const decades = (value: number) => Math.log10(Math.max(value, SMALLEST_P));

/**
 * Margins beyond this many decades are clipped: a KS p-value of 1e-40 says no more about where
 * the feasible region ends than one of 1e-3, and would swamp a Gaussian process fitted to both.
 */
const MARGIN_CLIP = 3;

/** How far each set constraint is broken (> 0) or kept (<= 0), in decades (clipped); NaN where not measured. */
export function constraintMargins(constraints: SearchConstraints, values: ConstraintValues): number[] {
  return rawMargins(constraints, values).map((m) => Math.max(-MARGIN_CLIP, Math.min(MARGIN_CLIP, m)));
}

function rawMargins(constraints: SearchConstraints, values: ConstraintValues): number[] {
  return constraintNames(constraints).map((name) => {
    const limit = constraints[name]!;
    switch (name) {
      case 'ksPValueMin':
        return values.ksPValue === undefined ? NaN : decades(limit) - decades(values.ksPValue);
      case 'maxParameters':
        return values.parameters === undefined ? NaN : decades(values.parameters) - decades(limit);
      case 'maxFitSeconds':
        return values.fitSeconds === undefined ? NaN : decades(values.fitSeconds) - decades(limit);
    }
  });
}

/** Each broken constraint in words ("KS p-value 0.003 < ksPValueMin 0.05"); empty when all are kept. */
export function violations(constraints: SearchConstraints, values: ConstraintValues): string[] {
  const margins = constraintMargins(constraints, values);
  return constraintNames(constraints).flatMap((name, i) => {
    if (!(margins[i] > 0)) return [];
    const limit = constraints[name]!;
    if (name === 'ksPValueMin') return [`KS p-value ${values.ksPValue!.toPrecision(2)} < ksPValueMin ${limit}`];
    if (name === 'maxParameters') return [`${values.parameters} parameters > maxParameters ${limit}`];
    return [`${values.fitSeconds!.toFixed(1)} s per fold > maxFitSeconds ${limit}`];
  });
}
