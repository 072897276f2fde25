// Oracle tests: our metrics against scikit-learn, scipy and numpy on the same inputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correlationMatrix } from '../../../src/core/metrics/correlation';
import { kolmogorovN } from '../../../src/core/metrics/kolmogorov';
import { ksTwoSample } from '../../../src/core/metrics/ks';
import { rocAuc, rocCurve } from '../../../src/core/metrics/roc';
import { createRng } from '../../../src/core/util/random';
import { gaussian } from '../../helpers/synthetic';
import { needOracle, python } from '../../helpers/oracle';

function closeTo(actual: number, expected: number, relative: number, absolute = 0, message = ''): void {
  const tolerance = Math.max(absolute, relative * Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message} ${actual} vs ${expected} (tolerance ${tolerance})`);
}

/** Scores with ties (rounded) and labels from two overlapping Gaussians; weights may be negative. */
function scoredSample(n: number, seed: number, negativeWeights: boolean) {
  const rng = createRng(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rng() < 0.4 ? 1 : 0;
    labels.push(label);
    scores.push(Math.round((gaussian(rng) + label) * 200) / 200);
    weights.push(negativeWeights && rng() < 0.1 ? -0.3 * rng() : 0.2 + rng());
  }
  return { labels, scores, weights };
}

describe('ROC and AUC match scikit-learn', () => {
  for (const [n, seed, negative] of [[50, 1, false], [2000, 2, false], [5000, 3, true]] as const) {
    it(`on ${n} events${negative ? ' with negative weights' : ''}, unweighted and weighted`, (t) => {
      if (!needOracle(t)) return;
      const sample = scoredSample(n, seed, negative);
      const expected = python<{ auc: number; wauc: number; fpr: number[]; tpr: number[]; th: number[]; wfpr: number[]; wtpr: number[] }>(
        `from sklearn.metrics import roc_auc_score, roc_curve
y, s, w = np.array(data['labels']), np.array(data['scores']), np.array(data['weights'])
fpr, tpr, th = roc_curve(y, s)
wfpr, wtpr, _ = roc_curve(y, s, sample_weight=w)
print(json.dumps({'auc': roc_auc_score(y, s), 'wauc': float(np.trapz(wtpr, wfpr)), 'fpr': fpr.tolist(), 'tpr': tpr.tolist(), 'th': th[1:].tolist(), 'wfpr': wfpr.tolist(), 'wtpr': wtpr.tolist()}))`,
        sample,
      );
      closeTo(rocAuc(sample.labels, sample.scores), expected.auc, 1e-12);
      closeTo(rocAuc(sample.labels, sample.scores, sample.weights), expected.wauc, 1e-10);
      const ours = rocCurve(sample.labels, sample.scores);
      assert.equal(ours.fpr.length, expected.fpr.length, 'same number of ROC points');
      ours.fpr.forEach((v, i) => closeTo(v, expected.fpr[i], 1e-12, 1e-15, `fpr[${i}]`));
      ours.tpr.forEach((v, i) => closeTo(v, expected.tpr[i], 1e-12, 1e-15, `tpr[${i}]`));
      assert.deepEqual(ours.thresholds.slice(1), expected.th);
      assert.equal(ours.thresholds[0], Infinity);
      const weighted = rocCurve(sample.labels, sample.scores, sample.weights);
      assert.equal(weighted.fpr.length, expected.wfpr.length, 'same number of weighted ROC points');
      weighted.tpr.forEach((v, i) => closeTo(v, expected.wtpr[i], 1e-10, 1e-12, `weighted tpr[${i}]`));
    });
  }
});


describe('two-sample KS test matches scipy.stats.ks_2samp (method auto)', () => {
  // Exact (equal and unequal sizes), and asymptotic (above 10,000 events) in each region of kstwo.
  const cases: [number, number, number, number][] = [
    [40, 40, 0.3, 1], [100, 73, 0.2, 2], [900, 1000, 0.05, 3], [3000, 2000, 0.0, 4], [8000, 10000, 0.03, 5],
    [12000, 3000, 0.0, 6], [12000, 3000, 0.05, 7], [20000, 11000, 0.02, 8], [10500, 60, 0.3, 9], [10001, 20, 0.0, 10],
  ];
  for (const [n1, n2, shift, seed] of cases) {
    it(`n1=${n1}, n2=${n2}, shift=${shift}`, (t) => {
      if (!needOracle(t)) return;
      const rng = createRng(seed);
      const a = Array.from({ length: n1 }, () => Math.round(gaussian(rng) * 1e4) / 1e4);
      const b = Array.from({ length: n2 }, () => Math.round((gaussian(rng) + shift) * 1e4) / 1e4);
      const expected = python<{ d: number; p: number }>(
        `from scipy.stats import ks_2samp
r = ks_2samp(np.array(data['a']), np.array(data['b']))
print(json.dumps({'d': float(r.statistic), 'p': float(r.pvalue)}))`,
        { a, b },
      );
      const ours = ksTwoSample(a, b);
      closeTo(ours.statistic, expected.d, 1e-12, 1e-15, 'statistic');
      closeTo(ours.pValue, expected.p, 1e-6, 1e-300, 'p-value');
    });
  }

  it('kstwo.sf over its regions (Ruben-Gambino, Durbin, Pomeranz, Pelz-Good, Smirnov)', (t) => {
    if (!needOracle(t)) return;
    const points: [number, number][] = [];
    for (const n of [3, 10, 50, 140, 141, 500, 3000, 20000, 150000]) {
      for (const x of [0.001, 0.004, 0.01, 0.02, 0.05, 0.08, 0.12, 0.2, 0.35, 0.6, 0.9]) points.push([n, x]);
    }
    const expected = python<number[]>(
      `from scipy.stats import kstwo
print(json.dumps([float(kstwo.sf(x, n)) for n, x in data]))`,
      points,
    );
    points.forEach(([n, x], i) => closeTo(kolmogorovN(n, x, false), expected[i], 1e-7, 1e-300, `kstwo.sf(${x}, ${n})`));
  });
});

describe('correlation matrix matches numpy', () => {
  it('unweighted equals numpy.corrcoef, weighted equals the weighted covariance formula', (t) => {
    if (!needOracle(t)) return;
    const rng = createRng(11);
    const n = 3000;
    const a = Array.from({ length: n }, () => gaussian(rng));
    const b = a.map((v) => 0.6 * v + 0.8 * gaussian(rng));
    const c = Array.from({ length: n }, () => gaussian(rng));
    const w = Array.from({ length: n }, () => 0.1 + rng());
    const expected = python<{ plain: number[][]; weighted: number[][] }>(
      `X = np.array([data['a'], data['b'], data['c']]); w = np.array(data['w'])
cov = np.cov(X, aweights=w); sd = np.sqrt(np.diag(cov))
print(json.dumps({'plain': np.corrcoef(X).tolist(), 'weighted': (cov / np.outer(sd, sd)).tolist()}))`,
      { a, b, c, w },
    );
    const plain = correlationMatrix([a, b, c]);
    const weighted = correlationMatrix([a, b, c], w);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        closeTo(plain[i][j], expected.plain[i][j], 1e-10, 1e-12);
        closeTo(weighted[i][j], expected.weighted[i][j], 1e-10, 1e-12);
      }
    }
  });
});
