import { createRng, shuffleInPlace } from '../util/random';
import { groupIndices } from './split';

export interface Fold {
  train: Int32Array;
  validation: Int32Array;
}

/** The folds from each event's fold number: fold f validates on the events numbered f. */
export function foldsFrom(foldOf: Int32Array, k: number): Fold[] {
  const sizes = new Int32Array(k);
  for (let i = 0; i < foldOf.length; i++) sizes[foldOf[i]]++;
  return Array.from({ length: k }, (_, f) => {
    const validation = new Int32Array(sizes[f]);
    const train = new Int32Array(foldOf.length - sizes[f]);
    let v = 0;
    let t = 0;
    for (let i = 0; i < foldOf.length; i++) {
      if (foldOf[i] === f) validation[v++] = i;
      else train[t++] = i;
    }
    return { train, validation };
  });
}

/** Classes in order of first appearance, as scikit-learn deals them. */
function classesInOrder(labels: Int32Array): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (!seen.has(labels[i])) {
      seen.add(labels[i]);
      order.push(labels[i]);
    }
  }
  return order;
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
  const groups = groupIndices(labels, true);
  let offset = 0;
  for (const c of classesInOrder(labels)) {
    const members = shuffleInPlace(groups.get(c)!, rng);
    for (let i = 0; i < members.length; i++) foldOf[members[i]] = (i + offset) % k;
    offset += members.length;
  }
  return foldsFrom(foldOf, k);
}
