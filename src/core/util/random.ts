import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1); every random choice of a run goes through one. */
export type Rng = () => number;

export function createRng(seed: number | string): Rng {
  return seedrandom.alea(String(seed));
}

/** Fisher-Yates shuffle of `values` in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number } | unknown[]>(values: T, rng: Rng): T {
  const array = values as unknown as unknown[];
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return values;
}

/** A standard normal draw (Box-Muller). */
export function normalDraw(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A uniformly random 31-bit integer, for seeding libraries that take one. */
export function nextSeed(rng: Rng): number {
  return Math.floor(rng() * 2147483647);
}
