import type { ResolvedConfig } from '../../shared/config';
import { resolveConfig } from '../../core/config/resolve';
import { loadEvents } from '../../core/data/dataset';
import type { BenchOptions } from './metricsBench';
import { median } from './peer';
import { SCALE_FEATURES, scaleCsv, scaleRoot } from './scaleData';

// What defines, a selection and a weight expression cost on top of reading the same branches:
// the events read plain (30 columns as features) and through ten defined variables, a
// two-cut selection and a weight expression.

const COLUMNS = Array.from({ length: SCALE_FEATURES }, (_, f) => `f${f}`);
const DEFINES: Record<string, string> = {
  pt1: 'hypot(f0, f1)',
  pt2: 'hypot(f2, f3)',
  ratio: 'f4 / (1 + abs(f5))',
  dphi: 'deltaPhi(atan2(f1, f0), atan2(f3, f2))',
  dr: 'deltaR(f6, f7, f8, f9)',
  mass: 'sqrt(abs(f10 * f10 - f11 * f11 - f12 * f12))',
  lead: 'max(pt1, pt2)',
  sub: 'min(pt1, pt2)',
  balance: '(lead - sub) / (lead + sub)',
  sign: 'f13 > 0 ? 1 : -1',
};

function config(file: string, withDefines: boolean): ResolvedConfig {
  const source = { path: file, ...(file.endsWith('.root') ? { tree: 'events' } : {}) };
  return resolveConfig(
    {
      data: {
        sources: [source],
        label: { column: 'label', map: { '1': 'signal', '0': 'background' } },
        features: withDefines ? [...Object.keys(DEFINES), ...COLUMNS.slice(14)] : COLUMNS,
        ...(withDefines ? { define: DEFINES, selection: 'f14 > -3 && abs(f15) < 3', weight: '1 + 0.01 * f16' } : {}),
      },
      model: { hidden: [{ units: 8 }] },
    },
    'bench',
  );
}

async function seconds(file: string, withDefines: boolean): Promise<number> {
  const started = performance.now();
  await loadEvents(config(file, withDefines), [[file]]);
  return (performance.now() - started) / 1000;
}

export async function definesBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  const events = quick ? 50_000 : 1_000_000;
  for (const [format, file] of [['csv', scaleCsv(events)], ['root', scaleRoot(events)]] as const) {
    const plain: number[] = [];
    const defined: number[] = [];
    // Five rounds at least: a second of reading varies by a tenth here from run to run.
    for (let round = 0; round < (quick ? rounds : Math.max(rounds, 5)); round++) {
      plain.push(await seconds(file, false));
      defined.push(await seconds(file, true));
    }
    const [p, d] = [median(plain), median(defined)];
    emit({ bench: 'data', what: 'defines and selection', format, events, columns: SCALE_FEATURES, defines: Object.keys(DEFINES).length, plain_read_s: Number(p.toFixed(2)), with_defines_selection_weight_s: Number(d.toFixed(2)), overhead: Number(((d - p) / p).toFixed(3)), target: '<= 0.25' });
  }
}
