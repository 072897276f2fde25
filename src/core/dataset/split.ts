import { createRng, shuffleInPlace } from '../util/random';

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Seeded train/test split. Stratified: each class contributes round(n_c * fraction) events to
 * the test set, as scikit-learn's StratifiedShuffleSplit does.
 */
export function trainTestSplit(labels: Int32Array, testFraction: number, options: { stratify: boolean; seed: number }): SplitIndices {
  const rng = createRng(`split:${options.seed}`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = options.stratify ? labels[i] : 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(groups.get(key)!, rng);
    const nTest = Math.min(members.length - 1, Math.max(1, Math.round(members.length * testFraction)));
    test.push(...members.slice(0, nTest));
    train.push(...members.slice(nTest));
  }
  return { train: Int32Array.from(shuffleInPlace(train, rng)), test: Int32Array.from(shuffleInPlace(test, rng)) };
}
