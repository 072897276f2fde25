import { createRng, shuffleInPlace } from '../util/random';
import type { Sampler } from './sampler';
import type { Point, PointValue } from './space';

/** Every combination of the given values, once each, in order or shuffled under a seed. */
export class GridSampler implements Sampler {
  private readonly points: Point[];
  private next = 0;

  constructor(values: PointValue[][], options: { shuffle?: boolean; seed?: number } = {}) {
    const unique = values.map((list) => list.filter((v, i) => list.indexOf(v) === i));
    if (unique.some((list) => list.length === 0)) throw new RangeError('every grid dimension needs at least one value');
    this.points = unique.reduce<Point[]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
    if (options.shuffle) shuffleInPlace(this.points, createRng(`grid:${options.seed ?? 0}`));
  }

  get size(): number {
    return this.points.length;
  }

  ask(): Point | undefined {
    return this.next < this.points.length ? this.points[this.next++] : undefined;
  }

  tell(): void {
    // The grid is fixed in advance.
  }
}
