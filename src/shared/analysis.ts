import type { Scoring } from './config';

// What the curve and calibration analyses write (curve.json, calibration.json) and the report draws.

export type CurveRequest = { kind: 'validation'; param: string; values: (number | string)[] } | { kind: 'learning'; sizes: number[] };

export interface CurveSeries {
  mean: number[];
  std: number[];
  /** scores[point][fold] */
  scores: number[][];
}

export interface CurveResult {
  kind: 'validation' | 'learning';
  scoring: Scoring;
  folds: number;
  param?: string;
  /** The parameter values (validation curve) or absolute training sizes (learning curve). */
  x: (number | string)[];
  train: CurveSeries;
  validation: CurveSeries;
  seconds: number;
}

export type CalibrationMethod = 'sigmoid' | 'isotonic';

export interface ReliabilityCurve {
  /** Mean predicted probability and fraction of signal per non-empty bin (calibration_curve). */
  meanPredicted: number[];
  fractionPositive: number[];
  counts: number[];
}

export interface CalibrationResult {
  method: CalibrationMethod;
  folds: number;
  testEvents: number;
  brier: { before: number; after: number };
  auc: { before: number; after: number };
  reliability: { before: ReliabilityCurve; after: ReliabilityCurve };
  seconds: number;
}
