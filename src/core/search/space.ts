import type { Rng } from '../util/random';

/** A search dimension, as scikit-optimize's Real / Integer / Categorical. */
export type Dimension =
  | { type: 'real'; low: number; high: number; prior?: 'uniform' | 'log-uniform'; name?: string }
  | { type: 'integer'; low: number; high: number; prior?: 'uniform' | 'log-uniform'; name?: string }
  | { type: 'categorical'; categories: (string | number)[]; name?: string };

export type PointValue = number | string;
export type Point = PointValue[];

function checkDimension(d: Dimension, i: number): void {
  if (d.type === 'categorical') {
    if (!Array.isArray(d.categories) || d.categories.length === 0) throw new RangeError(`dimension ${i}: categorical needs at least one category`);
    return;
  }
  if (!Number.isFinite(d.low) || !Number.isFinite(d.high) || !(d.low < d.high)) {
    throw new RangeError(`dimension ${i}: needs finite low < high (got ${d.low}, ${d.high})`);
  }
  if (d.prior === 'log-uniform' && d.low <= 0) throw new RangeError(`dimension ${i}: a log-uniform prior needs low > 0`);
}

/**
 * The search space; it owns the transform to the unit cube where samplers and the Gaussian
 * process work, and back (scikit-optimize's Space.transform / inverse_transform).
 */
export class Space {
  constructor(readonly dimensions: Dimension[]) {
    if (dimensions.length === 0) throw new RangeError('a search space needs at least one dimension');
    dimensions.forEach(checkDimension);
  }

  get size(): number {
    return this.dimensions.length;
  }

  /** A point of the space -> coordinates in [0, 1]^d. */
  transform(point: Point): number[] {
    return this.dimensions.map((d, i) => {
      const value = point[i];
      if (d.type === 'categorical') {
        const index = d.categories.indexOf(value);
        if (index < 0) throw new RangeError(`dimension ${i}: ${String(value)} is not a category`);
        return d.categories.length === 1 ? 0.5 : index / (d.categories.length - 1);
      }
      const v = Number(value);
      if (d.prior === 'log-uniform') return (Math.log(v) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low));
      return (v - d.low) / (d.high - d.low);
    });
  }

  /** Coordinates in [0, 1]^d -> a point (integers rounded, categories picked, bounds kept). */
  inverse(unit: number[]): Point {
    return this.dimensions.map((d, i) => {
      const u = Math.min(1, Math.max(0, unit[i]));
      if (d.type === 'categorical') return d.categories[Math.min(d.categories.length - 1, Math.round(u * (d.categories.length - 1)))];
      const value = d.prior === 'log-uniform' ? Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low))) : d.low + u * (d.high - d.low);
      if (d.type === 'integer') return Math.min(d.high, Math.max(d.low, Math.round(value)));
      return Math.min(d.high, Math.max(d.low, value));
    });
  }

  /** Whether some dimension is discrete (integers, categories), so unit points need snapping. */
  get discrete(): boolean {
    return this.dimensions.some((d) => d.type !== 'real');
  }

  /** Rounds unit coordinates to those of an actual point (integers, categories). */
  snap(unit: number[]): number[] {
    if (!this.discrete) return unit.map((u) => Math.min(1, Math.max(0, u)));
    return this.transform(this.inverse(unit));
  }

  randomUnit(rng: Rng): number[] {
    return this.dimensions.map(() => rng());
  }

  contains(point: Point): boolean {
    return this.dimensions.every((d, i) => {
      const v = point[i];
      if (d.type === 'categorical') return d.categories.includes(v);
      if (typeof v !== 'number' || v < d.low || v > d.high) return false;
      return d.type !== 'integer' || Number.isInteger(v);
    });
  }
}

/** Latin hypercube sample of n points in [0, 1]^d, each stratum used once per dimension. */
export function latinHypercube(n: number, d: number, rng: Rng): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(d));
  for (let j = 0; j < d; j++) {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rng() * (i + 1));
      [strata[i], strata[k]] = [strata[k], strata[i]];
    }
    for (let i = 0; i < n; i++) points[i][j] = (strata[i] + rng()) / n;
  }
  return points;
}
