import type { CurveResult } from '../../shared/analysis';
import { SCHEMA, type NamedSpec } from './specs';
import { maxOf, minOf } from '../util/arrays';

/** Mean training and validation score with a band of one standard deviation over the folds. */
export function curveSpec(curve: CurveResult): NamedSpec {
  const numeric = curve.x.every((v) => typeof v === 'number');
  const positive = numeric && (curve.x as number[]).every((v) => v > 0);
  const logScale = curve.kind === 'validation' && positive && maxOf(curve.x as number[]) / minOf(curve.x as number[]) >= 10;
  const rows = (sample: string, s: CurveResult['train']) =>
    curve.x.map((x, i) => ({ x, sample, mean: s.mean[i], low: s.mean[i] - s.std[i], high: s.mean[i] + s.std[i] }));
  const xTitle = curve.kind === 'validation' ? curve.param : 'training events';
  const xEncoding = { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: xTitle, scale: logScale ? { type: 'log' } : { zero: false } };
  return {
    id: `${curve.kind}-curve`,
    title: curve.kind === 'validation' ? `Validation curve: ${curve.param}` : 'Learning curve',
    spec: {
      $schema: SCHEMA,
      width: 460,
      height: 280,
      data: { values: [...rows('training', curve.train), ...rows('cross-validation', curve.validation)] },
      encoding: { x: xEncoding, color: { field: 'sample', type: 'nominal', title: null } },
      layer: [
        { mark: { type: 'errorband', opacity: 0.25 }, encoding: { y: { field: 'low', type: 'quantitative', title: curve.scoring, scale: { zero: false } }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: true }, encoding: { y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'x', title: xTitle }, { field: 'sample' }, { field: 'mean', format: '.4f' }] } },
      ],
    },
  };
}
