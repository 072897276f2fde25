import { infeasibleVerdict, shownStatus } from '../report/trialStatus';
import { constraintNames } from '../search/constraints';
import type { SearchConfig } from '../../shared/config';
import type { RunRecord } from '../../shared/run';
import type { SearchSummary, TrialRecord } from '../../shared/search';
import { renderPage, summaryRows } from '../report/html';
import { runSpecs } from '../report/runSpecs';
import { writeFileAtomic } from '../store/atomic';
import { RunDirectory } from '../store/runStore';
import { describePoint, type ConfigSpace } from '../search/configSpace';
import { appendAll } from '../util/arrays';
import { RUN } from '../store/runLayout';

interface Results {
  search: SearchConfig;
  space: ConfigSpace;
  trials: TrialRecord[];
  summary: SearchSummary;
  scoring: string;
}

/** Writes trials.json, search.json and the search's report.html (with the refit's diagnostics). */
export function writeSearchResults(run: RunDirectory, record: RunRecord, results: Results): void {
  const { trials, summary, space, scoring } = results;
  run.write(RUN.trials, trials);
  run.write(RUN.search, summary);
  // The same plots as the run's dashboard: convergence, evaluations, partial dependence, the refit's.
  const { specs, tables: refitTables = [] } = runSpecs(run.dir);
  const constrained = constraintNames(results.search.constraints ?? {}).length > 0;
  const summaryTable: [string, string][] = [
    ['run', record.id],
    ['method', results.search.method],
    ['candidates', String(summary.trials)],
    ['completed trials', String(trials.filter((t) => t.status === 'completed').length)],
    ['failed trials', String(trials.filter((t) => t.status === 'failed').length)],
    ...(summary.pruned ? [['pruned trials', String(summary.pruned)] as [string, string]] : []),
    ...(constrained ? [['constraints', Object.entries(results.search.constraints ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')] as [string, string]] : []),
    ...(summary.infeasible !== undefined ? [['infeasible trials', String(summary.infeasible)] as [string, string]] : []),
    ['seconds', summary.seconds.toFixed(1)],
  ];
  if (summary.pareto) summaryTable.push(['objectives', `${summary.pareto.objectives.join(', ')}; refit chosen from the Pareto front (${summary.pareto.front.length} trials) by the one-standard-error rule`]);
  if (summary.best) {
    summaryTable.push([`best CV ${scoring}`, `${summary.best.score.toFixed(4)} ± ${summary.best.std.toFixed(4)}`]);
    summaryTable.push(['best parameters', describePoint(Object.keys(summary.best.params), Object.values(summary.best.params))]);
  }
  const refit = run.refit();
  if (summary.test && refit.has(RUN.diagnostics)) {
    const d = refit.read(RUN.diagnostics);
    appendAll(summaryTable, summaryRows(refit.readRecord(), d).filter(([k]) => k.startsWith('test') || k.startsWith('KS') || k.startsWith('signal eff')).map(([k, v]) => [`refit: ${k}`, v] as [string, string]));
  }
  const second = results.search.objectives?.[1];
  const front = new Set(summary.pareto?.front ?? []);
  const header = ['trial', ...space.names, `mean ${scoring}`, 'std', 'folds', 'status', 'seconds', ...(constrained ? ['KS p-value', 'parameters', 'verdict'] : []), ...(second ? [second, 'Pareto front'] : [])];
  const rows = trials.map((t) => [
    String(t.trial + 1),
    ...space.names.map((n) => String(t.params[n])),
    t.score === undefined ? '-' : t.score.toFixed(4),
    t.std === undefined ? '-' : t.std.toFixed(4),
    t.foldScores.map((s) => s.toFixed(3)).join(' '),
    shownStatus(t) + (t.reason ? `: ${t.reason}` : '') + (t.pruned ? ` at fold ${t.pruned.fold + 1}, epoch ${t.pruned.epoch}` : ''),
    t.seconds.toFixed(1),
    // The figures, then what broke in words as the dashboard's verdict column says it (the status stays one word).
    ...(constrained ? [t.constraints?.ksPValue?.toPrecision(2) ?? '-', String(t.constraints?.parameters ?? '-'), infeasibleVerdict(t)] : []),
    ...(second ? [t.objectives?.[1]?.toPrecision(4) ?? '-', front.has(t.trial) ? 'yes' : ''] : []),
  ]);
  writeFileAtomic(run.path(RUN.report), renderPage({ title: `${record.name} (${results.search.method} search)`, summary: summaryTable, specs, tables: [{ title: 'Trials', header, rows }, ...refitTables] }));
}
