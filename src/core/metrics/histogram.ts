export interface Histogram {
  /** Bin edges, bins + 1 of them. */
  edges: number[];
  /** Sum of weights per bin, divided by the total so that the bins sum to one when normalised. */
  counts: number[];
}

/** Range covering both samples, ignoring a missing-value sentinel; widened when degenerate. */
export function commonRange(samples: ArrayLike<number>[], ignore?: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const sample of samples) {
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i];
      if (v === ignore) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) return [0, 1];
  if (min === max) return [min - 0.5, max + 0.5];
  return [min, max];
}

/** Weighted histogram on [low, high] (the last bin includes `high`); optionally normalised to unit area. */
export function histogram(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, bins: number, low: number, high: number, normalise: boolean): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (high - low) / bins;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < low || v > high) continue;
    const bin = Math.min(bins - 1, Math.floor((v - low) / width));
    const w = weights ? weights[i] : 1;
    counts[bin] += w;
    total += w;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => low + i * width);
  if (normalise && total !== 0) {
    for (let b = 0; b < bins; b++) counts[b] /= total * width;
  }
  return { edges, counts };
}
