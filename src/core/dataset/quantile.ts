/** Linear-interpolated quantile of sorted values (numpy's default method). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges a[from, to) so that a[k] holds the value it would hold sorted, smaller or equal
 * values before it and larger or equal after (Hoare's selection, median-of-three pivots): O(n).
 */
export function selectInPlace(a: Float32Array | Float64Array, k: number, from = 0, to = a.length): number {
  let left = from;
  let right = to - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

/**
 * Quantiles (numpy's linear method) without sorting: each needs its two order statistics,
 * found by selection in the part of the array the previous one left. `scratch` is rearranged.
 */
export function quantilesBySelection(scratch: Float32Array | Float64Array, qs: number[]): number[] {
  const n = scratch.length;
  if (n === 0) return qs.map(() => NaN);
  const order = qs.map((q, i) => ({ q, i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  let from = 0;
  for (const { q, i } of order) {
    const position = (n - 1) * q;
    const low = Math.floor(position);
    const lowValue = selectInPlace(scratch, low, from, n);
    let highValue = lowValue;
    if (position > low) {
      // Everything after a[low] is at least a[low]: the next order statistic is their minimum.
      highValue = Infinity;
      for (let j = low + 1; j < n; j++) if (scratch[j] < highValue) highValue = scratch[j];
    }
    out[i] = lowValue + (highValue - lowValue) * (position - low);
    from = low;
  }
  return out;
}
