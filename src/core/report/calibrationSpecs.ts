import type { CalibrationResult } from '../../shared/analysis';
import { SCHEMA, type NamedSpec } from './specs';

/** Reliability diagram: fraction of signal against mean predicted probability, before and after. */
export function reliabilitySpec(result: CalibrationResult): NamedSpec {
  const rows = (label: string, curve: CalibrationResult['reliability']['before']) =>
    curve.meanPredicted.map((p, i) => ({ predicted: p, fraction: curve.fractionPositive[i], events: curve.counts[i], model: label }));
  const values = [...rows(`uncalibrated (Brier ${result.brier.before.toFixed(4)})`, result.reliability.before), ...rows(`${result.method} (Brier ${result.brier.after.toFixed(4)})`, result.reliability.after)];
  return {
    id: 'reliability',
    title: 'Reliability diagram (test set)',
    spec: {
      $schema: SCHEMA,
      width: 360,
      height: 360,
      layer: [
        { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', strokeDash: [4, 4], color: '#888' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
        {
          data: { values },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'predicted', type: 'quantitative', title: 'mean predicted signal probability', scale: { domain: [0, 1] } },
            y: { field: 'fraction', type: 'quantitative', title: 'fraction of signal', scale: { domain: [0, 1] } },
            color: { field: 'model', type: 'nominal', title: null },
            tooltip: [{ field: 'model' }, { field: 'predicted', format: '.3f' }, { field: 'fraction', format: '.3f' }, { field: 'events' }],
          },
        },
      ],
    },
  };
}
