import { descendingOrder } from './argsort';

/** Labels 1 (signal) / 0 (background), scores, optional event weights (may be negative). */
export type Numbers = ArrayLike<number>;

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is +Infinity (no event selected), as scikit-learn >= 1.3. */
  thresholds: number[];
}

function checkInputs(labels: Numbers, scores: Numbers, weights?: Numbers): void {
  if (labels.length !== scores.length || (weights && weights.length !== labels.length)) {
    throw new RangeError(`labels (${labels.length}), scores (${scores.length}) and weights (${weights?.length ?? '-'}) differ in length`);
  }
  if (labels.length === 0) throw new RangeError('no events');
}

/**
 * Cumulative weighted true and false positives at each distinct score threshold, as
 * scikit-learn's `_binary_clf_curve`.
 */
export function binaryClassifierCurve(labels: Numbers, scores: Numbers, weights?: Numbers): { fps: Float64Array; tps: Float64Array; thresholds: Float64Array } {
  checkInputs(labels, scores, weights);
  const order = descendingOrder(scores);
  const n = order.length;
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = weights ? weights[i] : 1;
    if (labels[i] === 1) tp += w;
    else fp += w;
    const score = scores[i];
    if (k === n - 1 || scores[order[k + 1]] !== score) {
      tps[m] = tp;
      fps[m] = fp;
      thresholds[m] = score;
      m++;
    }
  }
  return { fps: fps.subarray(0, m), tps: tps.subarray(0, m), thresholds: thresholds.subarray(0, m) };
}

/** ROC curve as `sklearn.metrics.roc_curve(labels, scores, sample_weight=weights)` (drop_intermediate). */
export function rocCurve(labels: Numbers, scores: Numbers, weights?: Numbers): RocCurve {
  const { fps, tps, thresholds } = binaryClassifierCurve(labels, scores, weights);
  const m = fps.length;
  const totalFp = fps[m - 1];
  const totalTp = tps[m - 1];
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  const kept = new Float64Array(m + 1);
  kept[0] = Infinity;
  let count = 1;
  for (let i = 0; i < m; i++) {
    // Drop points on a straight line between their neighbours (numpy's diff(x, 2) arithmetic).
    if (m > 2 && i > 0 && i < m - 1) {
      const secondDiffFp = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const secondDiffTp = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (secondDiffFp === 0 && secondDiffTp === 0) continue;
    }
    fpr[count] = fps[i] / totalFp;
    tpr[count] = tps[i] / totalTp;
    kept[count] = thresholds[i];
    count++;
  }
  return { fpr: Array.from(fpr.subarray(0, count)), tpr: Array.from(tpr.subarray(0, count)), thresholds: Array.from(kept.subarray(0, count)) };
}

/** Area under a curve by the trapezoidal rule. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** ROC AUC as `sklearn.metrics.roc_auc_score(labels, scores, sample_weight=weights)`. */
export function rocAuc(labels: Numbers, scores: Numbers, weights?: Numbers): number {
  // Collinear points add nothing to the area, so the full curve gives the same AUC, faster.
  const { fps, tps } = binaryClassifierCurve(labels, scores, weights);
  const totalFp = fps[fps.length - 1];
  const totalTp = tps[tps.length - 1];
  let area = 0;
  let previousX = 0;
  let previousY = 0;
  for (let i = 0; i < fps.length; i++) {
    const x = fps[i] / totalFp;
    const y = tps[i] / totalTp;
    area += ((x - previousX) * (y + previousY)) / 2;
    previousX = x;
    previousY = y;
  }
  return area;
}
