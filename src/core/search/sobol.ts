import type { Rng } from '../util/random';
import { latinHypercube } from './space';

// Sobol' low-discrepancy points (Joe & Kuo direction numbers, new-joe-kuo-6.21201), with a
// random digital shift so that different seeds give different designs.
// Each row: degree s, polynomial coefficients a, initial direction numbers m.
const DIRECTIONS: [number, number, number[]][] = [
  [1, 0, [1]], [2, 1, [1, 3]], [3, 1, [1, 3, 1]], [3, 2, [1, 1, 1]], [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]], [5, 2, [1, 1, 5, 5, 17]], [5, 4, [1, 1, 5, 5, 5]], [5, 7, [1, 1, 7, 11, 19]],
  [5, 11, [1, 1, 5, 1, 1]], [5, 13, [1, 1, 1, 3, 11]], [5, 14, [1, 3, 5, 5, 31]], [6, 1, [1, 3, 3, 9, 7, 49]],
  [6, 13, [1, 1, 1, 15, 21, 21]], [6, 16, [1, 3, 1, 13, 27, 49]], [6, 19, [1, 1, 1, 15, 7, 5]],
  [6, 22, [1, 3, 1, 15, 13, 25]], [6, 25, [1, 1, 5, 5, 19, 61]], [7, 1, [1, 3, 7, 11, 23, 15, 103]],
  [7, 4, [1, 3, 7, 13, 13, 15, 69]],
];
const BITS = 30;

function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let i = 0; i < BITS; i++) v[i] = 1 << (BITS - 1 - i);
    return v;
  }
  const [s, a, m] = DIRECTIONS[dimension - 1];
  for (let i = 0; i < Math.min(s, BITS); i++) v[i] = m[i] << (BITS - 1 - i);
  for (let i = s; i < BITS; i++) {
    let value = v[i - s] ^ (v[i - s] >>> s);
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) value ^= v[i - k];
    v[i] = value;
  }
  return v;
}

/** n points in [0, 1)^d (the origin skipped); beyond 21 dimensions, a Latin hypercube. */
export function sobolPoints(n: number, d: number, rng: Rng): number[][] {
  if (d > DIRECTIONS.length + 1) return latinHypercube(n, d, rng);
  const directions = Array.from({ length: d }, (_, j) => directionNumbers(j));
  const shift = Array.from({ length: d }, () => Math.floor(rng() * 2 ** BITS));
  const state = new Uint32Array(d);
  const points: number[][] = [];
  for (let i = 1; i <= n; i++) {
    // Gray-code order: flip the direction of the lowest zero bit of i - 1.
    let c = 0;
    let value = i - 1;
    while (value & 1) {
      value >>>= 1;
      c++;
    }
    for (let j = 0; j < d; j++) state[j] ^= directions[j][c];
    points.push(Array.from(state, (s, j) => ((s ^ shift[j]) >>> 0) / 2 ** BITS));
  }
  return points;
}
