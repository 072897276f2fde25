import type { ScalerName } from '../../shared/config';
import { quantilesBySelection } from './quantile';

/** Per-feature affine transform x -> (x - offset) / scale, fitted on training events only. */
export interface FittedScaler {
  kind: ScalerName;
  offset: number[];
  scale: number[];
}

/** Offset and scale of one feature's (training) values; `values` may be rearranged. */
function fitColumn(kind: ScalerName, values: Float32Array): [number, number] {
  const n = values.length;
  switch (kind) {
    case 'none':
      return [0, 1];
    case 'standard': {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[i];
      mean /= n;
      let variance = 0;
      for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2;
      const std = Math.sqrt(variance / n);
      return [mean, std > 0 ? std : 1];
    }
    case 'robust': {
      // Selection instead of a full sort: O(n) per quantile (measured: a sort of 8M values per feature took ~1 s).
      const [q25, median, q75] = quantilesBySelection(values, [0.25, 0.5, 0.75]);
      const iqr = q75 - q25;
      return [median, iqr > 0 ? iqr : 1];
    }
    case 'minmax': {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        if (values[i] < min) min = values[i];
        if (values[i] > max) max = values[i];
      }
      return [min, max > min ? max - min : 1];
    }
  }
}

/** Fits a scaler to training values, one feature at a time (`valuesOf(f)` may be rearranged). */
export function fitScaler(kind: ScalerName, features: number, valuesOf: (f: number) => Float32Array): FittedScaler {
  const fitted = Array.from({ length: features }, (_, f) => fitColumn(kind, valuesOf(f)));
  return { kind, offset: fitted.map(([o]) => o), scale: fitted.map(([, s]) => s) };
}

/** Scales feature columns (all their values) into one row-major [events x features] matrix. */
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
