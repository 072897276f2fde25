import type { Numbers } from './roc';
import { binaryClassifierCurve } from './roc';

const EPSILON = 1e-7;

/** Weighted binary cross-entropy of probabilities (clipped as Keras does). */
export function logLoss(labels: Numbers, probabilities: Numbers, weights?: Numbers): number {
  let sum = 0;
  let sumW = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
    const w = weights ? weights[i] : 1;
    sum -= w * (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
    sumW += w;
  }
  return sum / sumW;
}

/** Weighted fraction of events on the right side of `threshold`. */
export function accuracy(labels: Numbers, probabilities: Numbers, weights?: Numbers, threshold = 0.5): number {
  let right = 0;
  let sumW = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    if ((probabilities[i] > threshold ? 1 : 0) === labels[i]) right += w;
    sumW += w;
  }
  return right / sumW;
}

/**
 * Signal efficiencies where the background efficiency reaches each of `backgroundEfficiencies`,
 * interpolated linearly along the ROC curve (TMVA's "signal efficiency at bkg eff"); the curve
 * is computed once for all of them.
 */
export function signalEfficienciesAt(labels: Numbers, scores: Numbers, weights: Numbers | undefined, backgroundEfficiencies: number[]): number[] {
  const { fps, tps } = binaryClassifierCurve(labels, scores, weights);
  const totalFp = fps[fps.length - 1];
  const totalTp = tps[tps.length - 1];
  return backgroundEfficiencies.map((backgroundEfficiency) => {
    let previousFpr = 0;
    let previousTpr = 0;
    for (let i = 0; i < fps.length; i++) {
      const fpr = fps[i] / totalFp;
      const tpr = tps[i] / totalTp;
      if (fpr >= backgroundEfficiency) {
        if (fpr === previousFpr) return tpr;
        return previousTpr + ((tpr - previousTpr) * (backgroundEfficiency - previousFpr)) / (fpr - previousFpr);
      }
      previousFpr = fpr;
      previousTpr = tpr;
    }
    return 1;
  });
}

/** Signal efficiency where the background efficiency reaches `backgroundEfficiency` (see signalEfficienciesAt). */
export function signalEfficiencyAt(labels: Numbers, scores: Numbers, weights: Numbers | undefined, backgroundEfficiency: number): number {
  return signalEfficienciesAt(labels, scores, weights, [backgroundEfficiency])[0];
}
