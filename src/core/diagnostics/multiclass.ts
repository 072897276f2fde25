import type { MulticlassDiagnostics } from '../../shared/diagnostics';
import { histogram } from '../metrics/histogram';
import { thinnedRoc } from './compute';

const BINS = 40;
/**
 * Multi-class diagnostics of softmax outputs (`probabilities` row-major [events x classes]):
 * one-vs-rest ROC and AUC per class, the confusion matrix of the most probable class, and the
 * distribution of each output for the events of each true class.
 */
export function multiclassDiagnostics(classes: string[], labels: Int32Array, probabilities: Float32Array, weights?: Float64Array): MulticlassDiagnostics {
  const k = classes.length;
  const n = labels.length;
  const column = (c: number) => Float32Array.from({ length: n }, (_, i) => probabilities[i * k + c]);
  const roc = classes.map((name, c) => {
    return { class: name, ...thinnedRoc(Int32Array.from(labels, (l) => (l === c ? 1 : 0)), column(c), weights) };
  });
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    let predicted = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + predicted]) predicted = c;
    confusion[labels[i]][predicted] += weights ? weights[i] : 1;
  }
  for (const row of confusion) {
    const total = row.reduce((a, b) => a + b, 0);
    if (total !== 0) row.forEach((v, c) => (row[c] = v / total));
  }
  const outputs = classes.map((name, c) => {
    const values = column(c);
    const byTrueClass = classes.map((_, t) => {
      const selected = Array.from(values).filter((_, i) => labels[i] === t);
      const selectedWeights = weights ? Array.from(weights).filter((_, i) => labels[i] === t) : undefined;
      return histogram(selected, selectedWeights, BINS, 0, 1, true).counts;
    });
    return { output: name, edges: histogram([], undefined, BINS, 0, 1, true).edges, byTrueClass };
  });
  return { classes, roc, confusion, outputs };
}
