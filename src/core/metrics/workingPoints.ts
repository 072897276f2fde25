import type { WorkingPoint, WorkingPoints } from '../../shared/diagnostics';
import { descendingOrder } from './argsort';

// Working points on a classifier's output: for a cut, the events above it, as efficiencies and as
// expected yields S and B, with the significances physicists quote: S/sqrt(B), the Asimov
// significance Z = sqrt(2((S+B) ln(1+S/B) - S)) and the AMS of the HiggsML challenge (b_reg = 10).

export const SIGNAL_EFFICIENCIES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const BACKGROUND_EFFICIENCIES_WP = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
export const AMS_BREG = 10;

export function asimovSignificance(s: number, b: number): number {
  if (!(s > 0) || !(b > 0)) return 0;
  return Math.sqrt(Math.max(0, 2 * ((s + b) * Math.log1p(s / b) - s)));
}

export function ams(s: number, b: number, breg = AMS_BREG): number {
  if (!(s > 0)) return 0;
  return Math.sqrt(Math.max(0, 2 * ((s + b + breg) * Math.log1p(s / (b + breg)) - s)));
}

/** Cumulative yields above each distinct output value, highest first. */
export interface CutScan {
  cuts: Float64Array;
  signal: Float64Array;
  background: Float64Array;
  totalSignal: number;
  totalBackground: number;
}

/** Yields of events at or above each distinct output, from the highest (isSignal: 1/0; weights: expected yields). */
export function cutScan(isSignal: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>): CutScan {
  const order = descendingOrder(scores);
  const n = order.length;
  const cuts = new Float64Array(n);
  const signal = new Float64Array(n);
  const background = new Float64Array(n);
  let m = 0;
  let s = 0;
  let b = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (isSignal[i] === 1) s += weights[i];
    else b += weights[i];
    if (k === n - 1 || scores[order[k + 1]] !== scores[i]) {
      cuts[m] = scores[i];
      signal[m] = s;
      background[m] = b;
      m++;
    }
  }
  return { cuts: cuts.subarray(0, m), signal: signal.subarray(0, m), background: background.subarray(0, m), totalSignal: s, totalBackground: b };
}

/** The working point of selecting scan position `k` (every event at or above cuts[k]). */
export function pointAt(scan: CutScan, k: number, target: string): WorkingPoint {
  const s = scan.signal[k];
  const b = scan.background[k];
  const backgroundEfficiency = b / scan.totalBackground;
  return {
    target,
    cut: scan.cuts[k],
    signalEfficiency: s / scan.totalSignal,
    backgroundEfficiency,
    rejection: backgroundEfficiency > 0 ? 1 / backgroundEfficiency : Infinity,
    signal: s,
    background: b,
    sOverSqrtB: b > 0 ? s / Math.sqrt(b) : Infinity,
    asimov: asimovSignificance(s, b),
    ams: ams(s, b),
  };
}

/** The first scan position whose efficiency (signal or background) reaches `efficiency`. */
function reaching(scan: CutScan, efficiency: number, which: 'signal' | 'background'): number {
  const values = which === 'signal' ? scan.signal : scan.background;
  const total = which === 'signal' ? scan.totalSignal : scan.totalBackground;
  for (let k = 0; k < values.length; k++) if (values[k] >= efficiency * total) return k;
  return values.length - 1;
}

/** The scan position of the largest Asimov significance. */
export function bestAsimov(scan: CutScan): number {
  let best = 0;
  for (let k = 1; k < scan.cuts.length; k++) if (asimovSignificance(scan.signal[k], scan.background[k]) > asimovSignificance(scan.signal[best], scan.background[best])) best = k;
  return best;
}

/** Working points at fixed signal and background efficiencies, the best-Z cut, and a thinned scan. */
export function workingPoints(isSignal: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>, curvePoints = 200): WorkingPoints {
  const scan = cutScan(isSignal, scores, weights);
  const points = [
    ...SIGNAL_EFFICIENCIES.map((e) => pointAt(scan, reaching(scan, e, 'signal'), `signal efficiency ${e}`)),
    ...BACKGROUND_EFFICIENCIES_WP.map((e) => pointAt(scan, reaching(scan, e, 'background'), `background efficiency ${e}`)),
  ];
  const best = pointAt(scan, bestAsimov(scan), 'largest Asimov Z');
  const step = Math.max(1, Math.floor(scan.cuts.length / curvePoints));
  const curve: WorkingPoint[] = [];
  for (let k = 0; k < scan.cuts.length; k += step) curve.push(pointAt(scan, k, 'scan'));
  return { points, best, curve };
}
