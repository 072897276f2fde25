import { normalCdf, normalPdf } from './normal';

// Acquisition functions for minimisation, as scikit-optimize's gaussian_ei / gaussian_pi /
// gaussian_lcb. Each maps the GP's mean and std at a candidate to a value to MINIMISE.

export type AcquisitionName = 'EI' | 'PI' | 'LCB';

export interface AcquisitionParameters {
  /** Best (lowest) observed value. */
  yBest: number;
  xi: number;
  kappa: number;
}

/** Negative expected improvement over yBest - xi. */
export function expectedImprovement(mean: number, std: number, p: AcquisitionParameters): number {
  const improvement = p.yBest - p.xi - mean;
  if (std <= 0) return -Math.max(improvement, 0);
  const z = improvement / std;
  return -(improvement * normalCdf(z) + std * normalPdf(z));
}

/** Negative probability of improving on yBest - xi. */
export function probabilityOfImprovement(mean: number, std: number, p: AcquisitionParameters): number {
  const improvement = p.yBest - p.xi - mean;
  if (std <= 0) return improvement > 0 ? -1 : 0;
  return -normalCdf(improvement / std);
}

/** Lower confidence bound mean - kappa * std. */
export function lowerConfidenceBound(mean: number, std: number, p: AcquisitionParameters): number {
  return mean - p.kappa * std;
}

export const ACQUISITIONS: Record<AcquisitionName, (mean: number, std: number, p: AcquisitionParameters) => number> = {
  EI: expectedImprovement,
  PI: probabilityOfImprovement,
  LCB: lowerConfidenceBound,
};
