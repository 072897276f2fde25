import * as os from 'node:os';
import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import type { SearchEvent, SearchSummary } from '../../shared/search';
import type { SearchProgress } from '../../shared/searchProgress';
import type { LoadedConfig } from '../config/load';
import { intermediateMetric, resolveSearch } from '../config/resolveSearch';
import { makeExecutor } from '../execution/makeExecutor';
import { configSpace, describePoint } from '../search/configSpace';
import { makeSampler } from '../search/makeSampler';
import { lowerIsBetter } from '../search/objectives';
import { makePruner } from '../search/pruners';
import { constraintNames } from '../search/constraints';
import { ReplayMismatch, Study } from '../search/study';
import { RUN } from '../store/runLayout';
import { UserError, messageOf } from '../util/errors';
import { refitBest } from './refit';
import { writeSearchResults } from './searchResults';
import { closeSearchRunFolder, openSearchRunFolder, type SearchRunFolder } from './searchRunFolder';
import { TrialScheduler } from './trialScheduler';

export { searchRunName } from './searchRunFolder';

export interface SearchOptions {
  /** The worker entry script (dist/worker.js). */
  workerScript: string;
  /** dist/cli.js, for batch jobs (default: beside the worker script). */
  cliScript?: string;
  jobs?: number;
  /** Continue this run folder instead of starting a new one. */
  resume?: string;
  log?: (line: string) => void;
  /** Typed progress, as it happens (hepml search --events prints it). */
  onProgress?: (event: SearchProgress) => void;
  /** Resolves when the user asks to stop; the search then ends promptly. */
  stopSignal?: Promise<void>;
}

/** Short parameter names for progress lines: the last path segment unless two share it. */
function shortNames(names: string[]): string[] {
  const last = names.map((n) => n.split('.').pop()!.replace(/\[.*\]$/, ''));
  return last.map((n, i) => (last.indexOf(n) === last.lastIndexOf(n) ? n : names[i]));
}

/** The study restored from an earlier driver's journal, and the batch jobs it submitted per trial. */
function replayJournal(folder: SearchRunFolder, study: Study): Map<number, string[]> {
  try {
    study.replay(folder.previous);
  } catch (error) {
    if (!(error instanceof ReplayMismatch)) throw error;
    throw new UserError(`${folder.run.path(RUN.journal)}: the sampler does not reproduce trial ${error.trial}; was the config's search section changed since the run started?`);
  }
  const jobs = new Map<number, string[]>();
  for (const event of folder.previous) {
    if (event.type === 'submitted') jobs.set(event.trial, [...(jobs.get(event.trial) ?? []), event.job]);
    if (event.type === 'cancelled') jobs.set(event.trial, (jobs.get(event.trial) ?? []).filter((job) => job !== event.job));
  }
  return jobs;
}

/**
 * Runs a hyper-parameter search: the study's trials, each scored by k-fold cross-validation on
 * the executor (worker processes or batch jobs), hopeless ones pruned, everything journalled so
 * that a killed search resumes without repeating finished work; then the best point is refitted.
 */
export async function runSearch(loaded: LoadedConfig, options: SearchOptions): Promise<SearchSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const progress = options.onProgress ?? (() => undefined);
  const raw = loaded.raw as HepmlConfig;
  if (!raw.search) throw new UserError(`${loaded.file}: no "search" section; add one (see schemas/hepml.schema.json) or use hepml train.`);
  const search = resolveSearch(raw.search);
  const space = configSpace(raw.search);
  const names = shortNames(space.names);
  const lowerBetter = lowerIsBetter(search.scoring);

  const folder = openSearchRunFolder(loaded, search.method, options.resume);
  const { run, journal } = folder;
  const metric = intermediateMetric(search.scoring);
  const studyOptions = { scoring: search.scoring, lowerBetter, pruner: makePruner(search.pruner, !lowerIsBetter(metric)), intermediateIsScore: metric === search.scoring, constraints: search.constraints, objectives: search.objectives };
  const study = new Study(makeSampler(search, space), studyOptions, (event) => journal.append(event));
  let submittedJobs: Map<number, string[]>;
  try {
    submittedJobs = replayJournal(folder, study);
  } catch (error) {
    folder.lock.release();
    throw error;
  }
  journal.append({ type: 'search-started', time: new Date().toISOString(), method: search.method, names: space.names, pid: process.pid } satisfies SearchEvent);

  let stopping = false;
  const executor = makeExecutor(loaded, run, options, {
    jobs: Math.max(1, options.jobs ?? search.nJobs ?? os.availableParallelism()),
    timeoutMs: search.trialTimeout * 1000,
    maxRetries: search.maxRetries,
    log,
    isStopping: () => stopping,
  });
  log(executor.description);
  void options.stopSignal?.then(() => {
    stopping = true;
    void executor.close();
  });

  const resumedDone = [...study.trials.values()].filter((t) => t.status !== 'running').length;
  log(`Fitting ${search.cv} folds for each of ${search.nCalls} candidates, totalling ${search.cv * search.nCalls} fits${resumedDone ? ` (resuming: ${resumedDone} trials already done)` : ''}${search.pruner.type !== 'none' ? `; pruner: ${search.pruner.type}` : ''}`);
  progress({ type: 'planned', folds: search.cv, candidates: search.nCalls, fits: search.cv * search.nCalls, resumedTrials: resumedDone });

  const finishedTrials = () => [...study.trials.values()].filter((t) => t.status !== 'running').sort((a, b) => a.trial - b.trial);
  const scheduler = new TrialScheduler(study, {
    raw, search, names: space.names, shortNames: names, executor, submittedJobs, log, progress,
    journal: (event) => journal.append(event),
    // trials.json follows the search as trials end, for the editor's tree and dashboards.
    onTrialEnded: () => run.write(RUN.trials, study.records(space.names, finishedTrials())),
    isStopping: () => stopping,
  });
  try {
    await scheduler.runAll();
  } catch (error) {
    await executor.close();
    closeSearchRunFolder(folder, { status: 'failed', error: messageOf(error) });
    throw error;
  }
  await executor.close();
  if (stopping) {
    closeSearchRunFolder(folder, { status: 'cancelled', seconds: (performance.now() - started) / 1000 });
    throw new UserError(`search stopped; resume it with: hepml search ${path.relative(process.cwd(), loaded.file)} --resume ${path.relative(process.cwd(), run.dir)}`);
  }

  const best = study.best();
  let test: SearchSummary['test'] = null;
  if (best && search.refit) {
    progress({ type: 'refit' });
    log(`refitting the best candidate (${describePoint(names, best.point)}, ${search.scoring}=${best.score!.toFixed(4)}) on the whole training set`);
    test = await refitBest(loaded, run, space.names, best.point);
  }
  journal.append({ type: 'search-finished', time: new Date().toISOString(), bestTrial: best?.trial });
  journal.close();
  const seconds = (performance.now() - started) / 1000;
  // The study holds its trials in trial order.
  const trials = study.records(space.names);
  const count = (status: string) => trials.filter((t) => t.status === status).length;
  const summary: SearchSummary = {
    runDir: run.dir,
    method: search.method,
    trials: search.nCalls,
    pruned: count('pruned'),
    ...(constraintNames(search.constraints).length ? { infeasible: trials.filter((t) => t.violations?.length).length } : {}),
    best: best ? { params: trials[best.trial].params, score: best.score!, std: best.std! } : null,
    ...(search.objectives.length ? { pareto: { objectives: search.objectives, front: study.front().map((t) => t.trial), rule: 'one-standard-error' as const } } : {}),
    test,
    seconds,
  };
  const finalRecord = run.updateRecord({ status: 'completed', finished: new Date().toISOString(), seconds, metrics: test ? { auc: test.auc, accuracy: test.accuracy, loss: test.loss } : undefined });
  writeSearchResults(run, finalRecord, { search: raw.search, space, trials, summary, scoring: search.scoring });
  folder.lock.release();
  progress({ type: 'summary', completed: count('completed'), failed: count('failed'), pruned: summary.pruned, bestTrial: best?.trial ?? null, bestScore: best?.score ?? null, seconds });
  const none = summary.infeasible ? `none: no completed trial kept the constraints (${summary.infeasible} broke them; see trials.json "violations")` : 'none: every trial failed';
  log(`best ${search.scoring} ${best ? `${best.score!.toFixed(4)} +- ${best.std!.toFixed(4)} (${describePoint(names, best.point)})` : none}${test ? `; test AUC ${test.auc.toFixed(4)}` : ''}${summary.pruned ? `; ${summary.pruned} trials pruned` : ''}${summary.infeasible ? `; ${summary.infeasible} infeasible` : ''}`);
  if (summary.pareto && best) log(`Pareto front of ${summary.pareto.objectives.join(' and ')}: trials ${summary.pareto.front.map((t) => t + 1).join(', ')}; refitted trial ${best.trial + 1}, the one-standard-error choice (best ${summary.pareto.objectives[1]} within one CV std of the best ${search.scoring})`);
  log(`elapsed ${seconds.toFixed(1)}s`);
  return summary;
}
