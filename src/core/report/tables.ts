import type { Diagnostics } from '../../shared/diagnostics';
import type { HtmlTable } from './html';

/** The data checks of a run or an exploration: what in the events may spoil the classifier. */
export function warningsTable(d: Diagnostics): HtmlTable | undefined {
  if (!d.warnings || d.warnings.length === 0) return undefined;
  return { title: 'Data checks', header: ['check', 'feature', 'finding'], rows: d.warnings.map((w) => [w.kind, w.feature ?? '', w.message]) };
}

/** Every table a run's diagnostics give, in the order a report shows them. */
export function diagnosticsTables(d: Diagnostics): HtmlTable[] {
  return [warningsTable(d)].filter((t): t is HtmlTable => t !== undefined);
}
