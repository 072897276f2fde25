import type { ScalerName } from '../../shared/config';
import { quantileSorted, sortedCopy } from './quantile';

/** Per-feature affine transform x -> (x - offset) / scale, fitted on training events only. */
export interface FittedScaler {
  kind: ScalerName;
  offset: number[];
  scale: number[];
}

function fitColumn(kind: ScalerName, column: Float32Array): [number, number] {
  const n = column.length;
  switch (kind) {
    case 'none':
      return [0, 1];
    case 'standard': {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += column[i];
      mean /= n;
      let variance = 0;
      for (let i = 0; i < n; i++) variance += (column[i] - mean) ** 2;
      const std = Math.sqrt(variance / n);
      return [mean, std > 0 ? std : 1];
    }
    case 'robust': {
      const sorted = sortedCopy(column);
      const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
      return [quantileSorted(sorted, 0.5), iqr > 0 ? iqr : 1];
    }
    case 'minmax': {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        if (column[i] < min) min = column[i];
        if (column[i] > max) max = column[i];
      }
      return [min, max > min ? max - min : 1];
    }
  }
}

/** Fits a scaler to training columns (one Float32Array per feature). */
export function fitScaler(kind: ScalerName, columns: Float32Array[]): FittedScaler {
  const fitted = columns.map((column) => fitColumn(kind, column));
  return { kind, offset: fitted.map(([o]) => o), scale: fitted.map(([, s]) => s) };
}

/** Scales feature columns into one row-major [events x features] matrix, ready for a tensor. */
export function toScaledMatrix(scaler: FittedScaler, columns: Float32Array[]): Float32Array {
  const nFeatures = columns.length;
  const n = nFeatures > 0 ? columns[0].length : 0;
  const matrix = new Float32Array(n * nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    const column = columns[f];
    const offset = scaler.offset[f];
    const inverse = 1 / scaler.scale[f];
    for (let i = 0; i < n; i++) matrix[i * nFeatures + f] = (column[i] - offset) * inverse;
  }
  return matrix;
}
