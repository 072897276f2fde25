import { createRng, type Rng } from '../util/random';
import type { Sampler } from './sampler';
import type { Point, Space } from './space';

/** Independent uniform draws in the transformed space (log-uniform where the prior says so). */
export class RandomSampler implements Sampler {
  private readonly rng: Rng;

  constructor(
    private readonly space: Space,
    seed: number | string,
  ) {
    this.rng = createRng(`random:${seed}`);
  }

  ask(): Point {
    return this.space.inverse(this.space.randomUnit(this.rng));
  }

  tell(): void {
    // Random search learns nothing.
  }
}
