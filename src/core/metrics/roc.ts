/** Labels 1 (signal) / 0 (background), scores, optional event weights (may be negative). */
export type Numbers = ArrayLike<number>;

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is +Infinity (no event selected), as scikit-learn >= 1.3. */
  thresholds: number[];
}

/** Indices of `scores` from highest to lowest. */
export function descendingOrder(scores: Numbers): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const values = Float64Array.from(scores as ArrayLike<number>);
  order.sort((a, b) => values[b] - values[a]);
  return order;
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
export function binaryClassifierCurve(labels: Numbers, scores: Numbers, weights?: Numbers): { fps: number[]; tps: number[]; thresholds: number[] } {
  checkInputs(labels, scores, weights);
  const order = descendingOrder(scores);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const w = weights ? weights[i] : 1;
    if (labels[i] === 1) tp += w;
    else fp += w;
    const last = k === order.length - 1;
    if (last || scores[order[k + 1]] !== scores[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(scores[i]);
    }
  }
  return { fps, tps, thresholds };
}

/** ROC curve as `sklearn.metrics.roc_curve(labels, scores, sample_weight=weights)` (drop_intermediate). */
export function rocCurve(labels: Numbers, scores: Numbers, weights?: Numbers): RocCurve {
  let { fps, tps, thresholds } = binaryClassifierCurve(labels, scores, weights);
  if (fps.length > 2) {
    // Drop points on a straight line between their neighbours; they do not change the curve.
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      // The same arithmetic as numpy's diff(x, 2), so that the same points are dropped.
      const secondDiffFp = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const secondDiffTp = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (secondDiffFp !== 0 || secondDiffTp !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]);
    tps = keep.map((i) => tps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  const totalFp = fps[fps.length - 1];
  const totalTp = tps[tps.length - 1];
  return {
    fpr: [0, ...fps.map((v) => v / totalFp)],
    tpr: [0, ...tps.map((v) => v / totalTp)],
    thresholds: [Infinity, ...thresholds],
  };
}

/** Area under a curve by the trapezoidal rule. */
export function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** ROC AUC as `sklearn.metrics.roc_auc_score(labels, scores, sample_weight=weights)`. */
export function rocAuc(labels: Numbers, scores: Numbers, weights?: Numbers): number {
  const { fpr, tpr } = rocCurve(labels, scores, weights);
  return trapezoid(fpr, tpr);
}
