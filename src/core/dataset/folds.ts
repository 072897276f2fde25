import { createRng, shuffleInPlace } from '../util/random';

export interface Fold {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * Stratified k-fold split of event indices (scikit-learn's StratifiedKFold with shuffle):
 * each class is shuffled under the seed and dealt round-robin into k folds, so every fold has
 * the class proportions of the whole, and the fold sizes equal scikit-learn's.
 */
export function stratifiedKFold(labels: Int32Array, k: number, seed: number): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k-fold needs k >= 2 (got ${k})`);
  const rng = createRng(`kfold:${seed}`);
  const foldOf = new Int32Array(labels.length);
  // Classes in order of first appearance, as scikit-learn deals them.
  const classes = [...new Set(labels)];
  let offset = 0;
  for (const c of classes) {
    const members = shuffleInPlace(Array.from(labels.keys()).filter((i) => labels[i] === c), rng);
    members.forEach((event, i) => (foldOf[event] = (i + offset) % k));
    offset += members.length;
  }
  return Array.from({ length: k }, (_, f) => ({
    train: Int32Array.from(foldOf.keys()).filter((i) => foldOf[i] !== f),
    validation: Int32Array.from(foldOf.keys()).filter((i) => foldOf[i] === f),
  }));
}
