import { createRng } from '../../src/core/util/random';

/** Gaussian sample by Box-Muller from a seeded generator. */
export function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * A CSV of two classes separated in `x1` and `x2` (signal shifted by `shift`), with a noise
 * feature, a weight column and a label column `s`/`b`.
 */
export function separableCsv(events: number, seed = 1, shift = 1.5): string {
  const rng = createRng(seed);
  const lines = ['x1,x2,noise,w,label'];
  for (let i = 0; i < events; i++) {
    const signal = i % 2 === 0;
    const offset = signal ? shift : 0;
    const values = [gaussian(rng) + offset, gaussian(rng) - offset, gaussian(rng), 0.5 + rng()];
    lines.push(`${values.map((v) => v.toFixed(5)).join(',')},${signal ? 's' : 'b'}`);
  }
  return lines.join('\n') + '\n';
}

export function tinyConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'tiny',
    data: {
      sources: [{ path: 'events.csv' }],
      features: ['x1', 'x2', 'noise'],
      label: { column: 'label', map: { s: 'signal', b: 'background' } },
      weight: 'w',
    },
    model: { hidden: { layers: 1, units: 8 } },
    training: { epochs: 3, batchSize: 32, learningRate: 0.02, seed: 2 },
    ...overrides,
  };
}
