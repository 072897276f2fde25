import type { HepmlConfig } from '../../shared/config';
import { loadEvents } from '../data/dataset';
import { rocAuc } from '../metrics/roc';
import { resolveConfig } from './resolve';

/** What New Experiment's feature picker says of a column, from the first events. */
export interface ColumnSummary {
  name: string;
  /** Range of the values that are not the missing-value marker (undefined when there are none). */
  min?: number;
  max?: number;
  /** Share of the events holding the missing-value marker. */
  missingFraction: number;
  /** The column alone as a classifier: max(AUC, 1 - AUC), from 0.5 (none) to 1 (perfect). */
  separation: number;
}

function summary(name: string, column: Float32Array, isSignal: Int32Array, marker: number | undefined): ColumnSummary {
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (const v of column) {
    if (v === marker) missing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const auc = rocAuc(isSignal, Float64Array.from(column));
  return { name, ...(min <= max ? { min, max } : {}), missingFraction: column.length > 0 ? missing / column.length : 0, separation: Math.max(auc, 1 - auc) };
}

/** Each of `columns` of the draft's data, read as the draft would (at most `limit` events per source). */
export async function columnSummaries(draft: HepmlConfig, dataFile: string, columns: string[], limit: number): Promise<ColumnSummary[]> {
  const config = resolveConfig({ ...draft, data: { ...draft.data, features: columns, missing: undefined } }, 'draft');
  const table = await loadEvents(config, config.data.sources.map(() => [dataFile]), { maxEntriesPerSource: limit });
  const isSignal = Int32Array.from(table.labels, (label) => (label === 0 ? 1 : 0));
  const marker = draft.data.missing === undefined ? undefined : Math.fround(draft.data.missing.value);
  return table.featureNames.map((name, f) => summary(name, table.columns[f], isSignal, marker));
}

/** A summary in a few words: "0.12 .. 340 · 15% missing · separation 0.71". */
export function describeColumn(column: ColumnSummary): string {
  const number = (v: number) => String(Number(v.toPrecision(3)));
  const parts = [column.min === undefined ? 'no values' : `${number(column.min)} .. ${number(column.max!)}`];
  if (column.missingFraction > 0) parts.push(`${(column.missingFraction * 100).toFixed(column.missingFraction < 0.01 ? 1 : 0)}% missing`);
  parts.push(`separation ${column.separation.toFixed(2)}`);
  return parts.join(' \u00b7 ');
}
