import type { Scoring } from '../../shared/config';
import { signalEfficienciesAt } from './classification';
import { ams, asimovSignificance, cutScan } from './workingPoints';

// What physicists optimise, as scores of held-out events: background rejection at a signal
// efficiency, signal efficiency at a background efficiency, and the best significance over cuts.

const RATE = /^(rejection|sigeff)@(.+)$/;

/** Whether a scoring is one of these (as opposed to auc, accuracy, loss). */
export function isPhysicsScoring(scoring: string): boolean {
  return scoring === 'asimov' || scoring === 'ams' || RATE.test(scoring);
}

/** Background efficiency at signal efficiency `target`, interpolated along the ROC curve. */
function backgroundEfficiencyAt(isSignal: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>, target: number): number {
  // The ROC curve with the classes swapped: "signal efficiency at background efficiency".
  const swapped = Int32Array.from({ length: isSignal.length }, (_, i) => 1 - isSignal[i]);
  return signalEfficienciesAt(swapped, scores, weights, [target])[0] ?? NaN;
}

/**
 * A physics score of held-out events (event weights as expected yields; `yieldScale` scales
 * them to the whole sample for the significances).
 */
export function physicsScore(scoring: Scoring | string, isSignal: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>, yieldScale = 1): number {
  const rate = RATE.exec(scoring);
  if (rate) {
    const target = Number(rate[2]);
    if (rate[1] === 'sigeff') return signalEfficienciesAt(isSignal, scores, weights, [target])[0];
    const background = backgroundEfficiencyAt(isSignal, scores, weights, target);
    return background > 0 ? 1 / background : Infinity;
  }
  const scaled = Float64Array.from({ length: isSignal.length }, (_, i) => weights[i] * yieldScale);
  const scan = cutScan(isSignal, scores, scaled);
  const significance = scoring === 'ams' ? ams : asimovSignificance;
  let best = 0;
  for (let k = 0; k < scan.cuts.length; k++) best = Math.max(best, significance(scan.signal[k], scan.background[k]));
  return best;
}
