// Time of one Bayesian-optimisation step (GP fit + proposal) at 30/60/120 observations in 6-D.
// Usage: npm run build && node bench/bayes-step.mjs
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const core = createRequire(import.meta.url)(join(here, '..', 'dist', 'core.js'));
const dimensions = Array.from({ length: 6 }, () => ({ type: 'real', low: 0, high: 1 }));

for (const observations of [30, 60, 120]) {
  // The last call follows a full step after `observations` results; 3 steps before it warm the code up.
  const stamps = [];
  await core.gpMinimize((x) => {
    stamps.push(performance.now());
    return x.reduce((s, v, i) => s + (v - 0.1 * i) ** 2, 0);
  }, dimensions, { nCalls: observations + 1, nInitialPoints: observations - 3, acqFunc: 'EI', randomState: 1 });
  const seconds = (stamps[observations] - stamps[observations - 1]) / 1000;
  console.log(JSON.stringify({ bench: 'bayes-step', dimensions: 6, observations, candidates: 10000, seconds: Number(seconds.toFixed(3)) }));
}
