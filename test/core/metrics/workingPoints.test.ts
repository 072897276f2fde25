// Working points and physics scores against NumPy and scikit-learn on the same weighted events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { physicsScore } from '../../../src/core/metrics/physicsScores';
import { ams, asimovSignificance, workingPoints } from '../../../src/core/metrics/workingPoints';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';
import { gaussian } from '../../helpers/synthetic';

function sample(n: number) {
  const rng = createRng('wp');
  const isSignal = Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const scores = Float32Array.from(isSignal, (s) => 1 / (1 + Math.exp(-(gaussian(rng) + (s ? 1.5 : -0.5)))));
  const weights = Float64Array.from(isSignal, (s) => (s ? 0.01 : 0.5) * (0.5 + rng()));
  return { isSignal, scores, weights };
}

describe('working points and physics scores', () => {
  it('the significances follow their formulas', () => {
    assert.ok(Math.abs(asimovSignificance(10, 100) - Math.sqrt(2 * (110 * Math.log(1.1) - 10))) < 1e-12);
    assert.ok(Math.abs(asimovSignificance(1, 1e6) - 1 / 1000) < 1e-6, 'Z -> S/sqrt(B) for S << B');
    assert.ok(Math.abs(ams(10, 100) - Math.sqrt(2 * (120 * Math.log(1 + 10 / 110) - 10))) < 1e-12);
  });

  it('equal NumPy at every working point and scikit-learn\'s ROC for the rates', (t) => {
    if (!needOracle(t)) return;
    const { isSignal, scores, weights } = sample(5000);
    const ours = workingPoints(isSignal, scores, weights);
    const expected = python<{ points: number[][]; best: number[]; rejection: number; sigeff: number }>(
      `y = np.array(data['y']); s = np.array(data['s'], dtype=np.float32).astype(float); w = np.array(data['w'])
cuts = np.unique(s)[::-1]
S = np.array([w[(y == 1) & (s >= c)].sum() for c in cuts]); B = np.array([w[(y == 0) & (s >= c)].sum() for c in cuts])
St, Bt = w[y == 1].sum(), w[y == 0].sum()
def Z(S, B): return np.sqrt(np.maximum(0, 2 * ((S + B) * np.log1p(S / B) - S))) if B > 0 and S > 0 else 0.0
def AMS(S, B): return np.sqrt(np.maximum(0, 2 * ((S + B + 10) * np.log1p(S / (B + 10)) - S))) if S > 0 else 0.0
def at(k): return [cuts[k], S[k] / St, B[k] / Bt, S[k], B[k], Z(S[k], B[k]), AMS(S[k], B[k])]
points = [at(int(np.argmax(S >= e * St))) for e in data['se']] + [at(int(np.argmax(B >= e * Bt))) for e in data['be']]
zs = [Z(a, b) for a, b in zip(S, B)]
from sklearn.metrics import roc_curve
fpr, tpr, _ = roc_curve(y, s, sample_weight=w, drop_intermediate=False)
rej = 1 / np.interp(0.5, tpr, fpr); eff = np.interp(0.01, fpr, tpr)
print(json.dumps({'points': [list(map(float, p)) for p in points], 'best': list(map(float, at(int(np.argmax(zs))))), 'rejection': float(rej), 'sigeff': float(eff)}))`,
      { y: Array.from(isSignal), s: Array.from(scores), w: Array.from(weights), se: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], be: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3] },
    );
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    [...ours.points, ours.best].forEach((p, i) => {
      const e = i < ours.points.length ? expected.points[i] : expected.best;
      close(p.cut, e[0], `${p.target} cut`);
      close(p.signalEfficiency, e[1], `${p.target} signal efficiency`);
      close(p.backgroundEfficiency, e[2], `${p.target} background efficiency`);
      close(p.signal, e[3], `${p.target} S`);
      close(p.background, e[4], `${p.target} B`);
      close(p.asimov, e[5], `${p.target} Z`);
      close(p.ams, e[6], `${p.target} AMS`);
    });
    assert.ok(Math.abs(physicsScore('rejection@0.5', isSignal, scores, weights) - expected.rejection) / expected.rejection < 1e-6, 'rejection at 50% signal efficiency');
    assert.ok(Math.abs(physicsScore('sigeff@0.01', isSignal, scores, weights) - expected.sigeff) < 1e-6, 'signal efficiency at 1% background');
    close(physicsScore('asimov', isSignal, scores, weights), expected.best[5], 'best Z as the asimov score');
  });
});
