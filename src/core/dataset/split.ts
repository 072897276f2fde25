import { createRng, shuffleInPlace } from '../util/random';

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** The event indices of each group (class, or one group), in index order. */
export function groupIndices(labels: Int32Array, stratify: boolean): Map<number, Int32Array> {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const key = stratify ? labels[i] : 0;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const groups = new Map<number, Int32Array>();
  const filled = new Map<number, number>();
  for (const [key, count] of counts) {
    groups.set(key, new Int32Array(count));
    filled.set(key, 0);
  }
  for (let i = 0; i < labels.length; i++) {
    const key = stratify ? labels[i] : 0;
    const at = filled.get(key)!;
    groups.get(key)![at] = i;
    filled.set(key, at + 1);
  }
  return groups;
}

/**
 * Seeded train/test split. Stratified: each class contributes round(n_c * fraction) events to
 * the test set, as scikit-learn's StratifiedShuffleSplit does. `stream` keeps independent
 * splits of the same seed apart (the train/test split, the validation split).
 */
export function trainTestSplit(labels: Int32Array, testFraction: number, options: { stratify: boolean; seed: number; stream?: string }): SplitIndices {
  const rng = createRng(`${options.stream ?? 'split'}:${options.seed}`);
  const groups = groupIndices(labels, options.stratify);
  const parts: { train: Int32Array; test: Int32Array }[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(groups.get(key)!, rng);
    const nTest = Math.min(members.length - 1, Math.max(1, Math.round(members.length * testFraction)));
    parts.push({ test: members.subarray(0, nTest), train: members.subarray(nTest) });
  }
  const join = (arrays: Int32Array[]) => {
    const out = new Int32Array(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const train = join(parts.map((p) => p.train));
  const test = join(parts.map((p) => p.test));
  return { train: shuffleInPlace(train, rng), test: shuffleInPlace(test, rng) };
}
