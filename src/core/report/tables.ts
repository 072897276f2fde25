import type { Diagnostics } from '../../shared/diagnostics';
import type { HtmlTable } from './htmlTable';
import { workingPointsTable } from './workingPointSpecs';

/** The data checks of a run or an exploration: what in the events may spoil the classifier. */
export function warningsTable(d: Diagnostics): HtmlTable | undefined {
  if (!d.warnings || d.warnings.length === 0) return undefined;
  return { title: 'Data checks', header: ['check', 'feature', 'finding'], rows: d.warnings.map((w) => [w.kind, w.feature ?? '', w.message]) };
}

const number = (x: number) => (Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(3) : Number(x.toPrecision(6)).toString());

/** Per source, the events and weights left after each selection (TMVA's and RDataFrame's cut-flow). */
export function cutflowTable(d: Diagnostics): HtmlTable | undefined {
  if (!d.samples || d.samples.length === 0) return undefined;
  const rows = d.samples.flatMap((s) => s.cutflow.map((c) => [String(s.source), s.process, s.class ?? '(label)', c.stage, String(c.events), number(c.weighted), number(c.yield)]));
  return { title: 'Cut-flow', header: ['source', 'process', 'class', 'stage', 'events', 'sum of weights', 'expected yield (x scale)'], rows };
}

/** Expected yields per process after the selections. */
export function yieldsTable(d: Diagnostics): HtmlTable | undefined {
  const processes = d.processes?.processes;
  if (!processes || processes.length === 0) return undefined;
  // Few events carrying a large yield mean a poorly known shape: the events are shown beside it.
  return { title: 'Expected yields per process', header: ['process', 'class', 'events', 'expected yield'], rows: processes.map((p) => [p.name, p.signal ? d.signalClass : 'background', String(p.events), number(p.yield)]) };
}

/** Every table a run's diagnostics give, in the order a report shows them. */
export function diagnosticsTables(d: Diagnostics): HtmlTable[] {
  return [workingPointsTable(d), warningsTable(d), cutflowTable(d), yieldsTable(d)].filter((t): t is HtmlTable => t !== undefined);
}
