import type { FoldOutcome } from '../../shared/workerProtocol';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import { stratifiedKFold } from '../dataset/folds';
import { splitTrainTest } from '../lab/prepare';
import { brierScore, interpolate, isotonicRegression, plattScaling } from '../metrics/calibration';
import { rocAuc } from '../metrics/roc';
import { applyPoint } from '../config/configPaths';
import { analysisPool } from '../execution/workerPool';
import type { CalibrationMethod, CalibrationResult, ReliabilityCurve } from '../../shared/analysis';

/** scikit-learn's calibration_curve(y, p, n_bins, strategy='uniform'). */
export function reliabilityCurve(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): ReliabilityCurve {
  const sumTrue = new Array<number>(bins).fill(0);
  const sumPredicted = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i];
    // np.searchsorted(bins[1:-1], p) with side='left': the number of inner edges below p.
    let bin = 0;
    while (bin < bins - 1 && (bin + 1) / bins < p) bin++;
    sumTrue[bin] += labels[i];
    sumPredicted[bin] += p;
    counts[bin]++;
  }
  const used = counts.map((c, b) => b).filter((b) => counts[b] > 0);
  return { meanPredicted: used.map((b) => sumPredicted[b] / counts[b]), fractionPositive: used.map((b) => sumTrue[b] / counts[b]), counts: used.map((b) => counts[b]) };
}

function calibrator(method: CalibrationMethod, scores: number[], labels: number[]): (s: number) => number {
  if (method === 'sigmoid') {
    const { a, b } = plattScaling(scores, labels);
    return (s) => 1 / (1 + Math.exp(a * s + b));
  }
  const fitted = isotonicRegression(scores, labels);
  const order = scores.map((_, i) => i).sort((i, j) => scores[i] - scores[j]);
  const xs = order.map((i) => scores[i]);
  const ys = order.map((i) => fitted[i]);
  return (s) => interpolate(xs, ys, s);
}

/**
 * Cross-validated probability calibration, as CalibratedClassifierCV(ensemble=True): each fold's
 * network is trained on the other folds, its calibrator fitted on the fold's held-out predictions;
 * the test set gets the mean of the calibrated fold models, compared with their uncalibrated mean.
 */
export async function runCalibration(loaded: LoadedConfig, options: { method: CalibrationMethod; folds?: number; workerScript: string; jobs?: number; log?: (line: string) => void }): Promise<CalibrationResult> {
  const started = performance.now();
  const k = options.folds ?? 3;
  const log = options.log ?? (() => undefined);
  const events = await loadConfigEvents(loaded);
  const { train, test } = splitTrainTest(events, loaded.config);
  const folds = stratifiedKFold(train.labels, k, loaded.config.split.seed);
  const isSignal = (labels: Int32Array) => Array.from(labels, (l) => (l === 0 ? 1 : 0));
  const config = applyPoint(loaded.raw, [], []);
  const pool = analysisPool(options.workerScript, options.jobs, log);
  let outcomes: FoldOutcome[];
  try {
    outcomes = await Promise.all(folds.map((_, fold) => pool.run({ id: `calibrate:${fold}`, config, configFile: loaded.file, workspace: loaded.workspace, fold, folds: k, predictions: true })));
  } finally {
    await pool.close();
  }
  const testLabels = isSignal(test.labels);
  const before = new Array<number>(test.size).fill(0);
  const after = new Array<number>(test.size).fill(0);
  outcomes.forEach((outcome, fold) => {
    const heldOutLabels = Array.from(folds[fold].validation, (i) => (train.labels[i] === 0 ? 1 : 0));
    const calibrate = calibrator(options.method, outcome.heldOutScores!, heldOutLabels);
    outcome.testScores!.forEach((s, i) => {
      before[i] += s / k;
      after[i] += calibrate(s) / k;
    });
    log(`[CV ${fold + 1}/${k}] ${options.method} calibrator fitted on ${heldOutLabels.length} held-out events`);
  });
  return {
    method: options.method,
    folds: k,
    testEvents: test.size,
    brier: { before: brierScore(testLabels, before), after: brierScore(testLabels, after) },
    auc: { before: rocAuc(testLabels, before), after: rocAuc(testLabels, after) },
    reliability: { before: reliabilityCurve(testLabels, before), after: reliabilityCurve(testLabels, after) },
    seconds: (performance.now() - started) / 1000,
  };
}
