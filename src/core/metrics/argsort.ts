// Order of scores from highest to lowest. Classifier scores are float32, so an LSD radix sort
// on their bits (3 passes of 11 bits) orders a million events far faster than a comparison sort.

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;
const MASK = BUCKETS - 1;

function allFloat32(values: ArrayLike<number>): boolean {
  if (values instanceof Float32Array) return true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Math.fround(v) !== v && !Number.isNaN(v)) return false;
  }
  return true;
}

/** Float32 bits mapped so that unsigned order equals numeric order (NaN sorts above +Infinity). */
function sortableKeys(values: ArrayLike<number>): Uint32Array {
  const floats = values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  const bits = new Uint32Array(floats.buffer, floats.byteOffset, floats.length);
  const keys = new Uint32Array(floats.length);
  for (let i = 0; i < keys.length; i++) {
    const b = bits[i];
    keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  return keys;
}

function radixDescending(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const keys = sortableKeys(values);
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[order[i]] >>> shift) & MASK]++;
    // Descending: the highest digit's bucket starts at 0.
    let position = 0;
    for (let b = BUCKETS - 1; b >= 0; b--) {
      const count = counts[b];
      counts[b] = position;
      position += count;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i];
      next[counts[(keys[index] >>> shift) & MASK]++] = index;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Indices of `scores` from highest to lowest (ties in no particular order). */
export function descendingOrder(scores: ArrayLike<number>): Uint32Array {
  if (allFloat32(scores)) return radixDescending(scores);
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const values = Float64Array.from(scores as ArrayLike<number>);
  order.sort((a, b) => values[b] - values[a]);
  return order;
}
