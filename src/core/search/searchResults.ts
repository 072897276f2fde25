import * as fs from 'node:fs';
import type { SearchConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { RunRecord } from '../../shared/run';
import type { SearchSummary, TrialRecord } from '../../shared/search';
import { renderPage, summaryRows } from '../report/html';
import { searchSpecs, type PartialDependence } from '../report/searchSpecs';
import { diagnosticsSpecs } from '../report/specs';
import { writeFileAtomic } from '../store/atomic';
import { RunDirectory } from '../store/runStore';
import { createRng } from '../util/random';
import { BayesianSampler } from './bayesianSampler';
import type { ConfigSpace } from './configSpace';
import { GaussianProcess } from './gaussianProcess';
import type { Sampler } from './sampler';
import { Space } from './space';

const PD_POINTS = 30;
const PD_SAMPLES = 200;

/** 1-D partial dependence of a GP fitted to the completed trials (scikit-optimize's plot_objective diagonal). */
export function partialDependence(space: ConfigSpace, trials: TrialRecord[]): PartialDependence | undefined {
  const done = trials.filter((t) => t.status === 'completed' && Number.isFinite(t.score));
  if (done.length < 3) return undefined;
  const s = new Space(space.dimensions);
  const rng = createRng('partial-dependence');
  const gp = GaussianProcess.fit(done.map((t) => s.transform(t.point)), done.map((t) => t.score!), rng);
  const samples = Array.from({ length: PD_SAMPLES }, () => s.randomUnit(rng));
  const curves = space.names.map((name, i) => {
    const d = space.dimensions[i];
    const raw = d.type === 'categorical' ? d.categories.map((_, c) => (d.categories.length === 1 ? 0.5 : c / (d.categories.length - 1))) : Array.from({ length: PD_POINTS }, (_, p) => p / (PD_POINTS - 1));
    // Integers and categories: each distinct value once.
    const grid = [...new Set(raw.map((u) => s.snap(samples[0].map((v, j) => (j === i ? u : v)))[i]))];
    const score = grid.map((u) => {
      const { mean } = gp.predict(samples.map((sample) => sample.map((v, j) => (j === i ? u : v))));
      return mean.reduce((a, b) => a + b, 0) / mean.length;
    });
    const values = grid.map((u) => s.inverse(samples[0].map((v, j) => (j === i ? u : v)))[i]);
    return { name, values, score };
  });
  return { curves };
}

interface Results {
  search: SearchConfig;
  space: ConfigSpace;
  trials: TrialRecord[];
  summary: SearchSummary;
  scoring: string;
  lowerBetter: boolean;
  sampler: Sampler;
}

/** Writes trials.json, search.json and the search's report.html (with the refit's diagnostics). */
export function writeSearchResults(run: RunDirectory, record: RunRecord, results: Results): void {
  const { trials, summary, space, scoring, lowerBetter } = results;
  run.writeJson('trials.json', trials);
  run.writeJson('search.json', summary);
  const pd = results.sampler instanceof BayesianSampler ? partialDependence(space, trials) : undefined;
  const specs = searchSpecs(trials, space.names, scoring, lowerBetter, pd);
  const summaryTable: [string, string][] = [
    ['run', record.id],
    ['method', results.search.method],
    ['candidates', String(summary.trials)],
    ['completed trials', String(trials.filter((t) => t.status === 'completed').length)],
    ['failed trials', String(trials.filter((t) => t.status === 'failed').length)],
    ['seconds', summary.seconds.toFixed(1)],
  ];
  if (summary.best) {
    summaryTable.push([`best CV ${scoring}`, `${summary.best.score.toFixed(4)} ± ${summary.best.std.toFixed(4)}`]);
    summaryTable.push(['best parameters', Object.entries(summary.best.params).map(([k, v]) => `${k}=${v}`).join(', ')]);
  }
  const refit = new RunDirectory(run.file('refit'));
  if (summary.test && fs.existsSync(refit.file('diagnostics.json'))) {
    const d = refit.readJson<Diagnostics>('diagnostics.json');
    summaryTable.push(...summaryRows(refit.readRecord(), d).filter(([k]) => k.startsWith('test') || k.startsWith('KS') || k.startsWith('signal eff')).map(([k, v]) => [`refit: ${k}`, v] as [string, string]));
    specs.push(...diagnosticsSpecs(d).filter((s) => ['roc', 'overtraining', 'history'].includes(s.id)).map((s) => ({ ...s, id: `refit-${s.id}`, title: `Refit: ${s.title}` })));
  }
  const header = ['trial', ...space.names, `mean ${scoring}`, 'std', 'folds', 'status', 'seconds'];
  const rows = trials.map((t) => [
    String(t.trial + 1),
    ...space.names.map((n) => String(t.params[n])),
    t.score === undefined ? '-' : t.score.toFixed(4),
    t.std === undefined ? '-' : t.std.toFixed(4),
    t.foldScores.map((s) => s.toFixed(3)).join(' '),
    t.status + (t.reason ? `: ${t.reason}` : ''),
    t.seconds.toFixed(1),
  ]);
  writeFileAtomic(run.file('report.html'), renderPage({ title: `${record.name} (${results.search.method} search)`, summary: summaryTable, specs, tables: [{ title: 'Trials', header, rows }] }));
}
