import * as os from 'node:os';
import * as path from 'node:path';
import type { HepmlConfig, SearchConfig } from '../../shared/config';
import type { RunRecord } from '../../shared/run';
import type { PointValue, SearchEvent, SearchSummary, TrialRecord } from '../../shared/search';
import type { FoldOutcome } from '../../shared/workerProtocol';
import type { LoadedConfig } from '../config/load';
import { resolveConfig } from '../config/resolve';
import { isPhysicsScoring } from '../metrics/physicsScores';
import { isLowerBetter } from '../lab/crossValidate';
import { trainExperiment } from '../lab/trainExperiment';
import { readJournal, JournalWriter } from '../store/journal';
import { RunLock } from '../store/lock';
import { createChildRunDirectory, createRunDirectory, RunDirectory } from '../store/runStore';
import { UserError, messageOf } from '../util/errors';
import { BayesianSampler } from './bayesianSampler';
import { applyPoint, candidateCount, configSpace, describePoint, type ConfigSpace } from './configSpace';
import { GridSampler } from './gridSampler';
import { RandomSampler } from './randomSampler';
import { samePoint, type Sampler } from './sampler';
import { Space, type Point } from './space';
import { JobFailure } from './workerPool';
import { makeExecutor } from './makeExecutor';
import { writeSearchResults } from './searchResults';
import { RUN } from '../store/runLayout';
import { REFIT_FOLDER } from '../store/runLayout';
import type { SearchProgress } from '../../shared/searchProgress';

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

interface TrialState {
  trial: number;
  point: Point;
  folds: Map<number, FoldOutcome>;
  status: TrialRecord['status'];
  started: number;
  score?: number;
  std?: number;
  reason?: string;
}

function makeSampler(search: SearchConfig, space: ConfigSpace): Sampler {
  const seed = search.randomState ?? 0;
  switch (search.method) {
    case 'grid':
      return new GridSampler(space.gridValues!, { shuffle: search.shuffle ?? false, seed });
    case 'random':
      return new RandomSampler(new Space(space.dimensions), seed);
    case 'bayes':
      return new BayesianSampler(new Space(space.dimensions), {
        nInitialPoints: Math.min(search.nInitialPoints ?? 10, search.nCalls ?? 20),
        acqFunc: search.acqFunc ?? 'gp_hedge',
        xi: search.xi,
        kappa: search.kappa,
        initialPointGenerator: search.initialPointGenerator ?? 'random',
        randomState: seed,
      });
  }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function std(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Short parameter names for progress lines: the last path segment unless two share it. */
function shortNames(names: string[]): string[] {
  const last = names.map((n) => n.split('.').pop()!.replace(/\[.*\]$/, ''));
  return last.map((n, i) => (last.indexOf(n) === last.lastIndexOf(n) ? n : names[i]));
}

/**
 * Runs a hyper-parameter search: trials proposed by the sampler, each scored by k-fold
 * cross-validation in a pool of worker processes, journalled so that a killed search resumes
 * without repeating finished work; then the best point is refitted and tested.
 */
/** A search run's name: the config's, with the method unless the name already says it (no "E-bayes-bayes"). */
export function searchRunName(name: string, method: string): string {
  return name.split(/[^A-Za-z0-9]+/).includes(method) ? name : `${name}-${method}`;
}

export async function runSearch(loaded: LoadedConfig, options: SearchOptions): Promise<SearchSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const progress = options.onProgress ?? (() => undefined);
  const raw = loaded.raw as HepmlConfig;
  const search = raw.search;
  if (!search) throw new UserError(`${loaded.file}: no "search" section; add one (see schemas/hepml.schema.json) or use hepml train.`);
  const space = configSpace(search);
  const k = search.cv ?? 3;
  const scoring = search.scoring ?? 'auc';
  const lowerBetter = isLowerBetter(scoring);
  const candidates = candidateCount(search);
  const names = shortNames(space.names);

  const run = options.resume ? new RunDirectory(path.resolve(options.resume)) : createRunDirectory(loaded.workspace, searchRunName(loaded.config.name, search.method), loaded.text);
  const lock = RunLock.acquire(run.file('lock'));
  const journalFile = run.path(RUN.journal);
  const previous = readJournal<SearchEvent>(journalFile);
  if (previous.records.some((r) => r.type === 'search-finished')) {
    lock.release();
    throw new UserError(`${run.dir}: this search already finished; its results are in ${path.join(run.dir, RUN.report.name)}.`);
  }
  const journal = new JournalWriter<SearchEvent>(journalFile);
  const record: RunRecord = options.resume
    ? { ...run.readRecord(), status: 'running', pid: process.pid, host: os.hostname(), error: undefined }
    : {
        id: run.id, name: loaded.config.name, status: 'running', kind: 'search', configFile: loaded.file, versions: { node: process.versions.node },
        seeds: { split: loaded.config.split.seed, training: loaded.config.training.seed }, created: new Date().toISOString(), pid: process.pid, host: os.hostname(),
      };
  run.writeRecord(record);

  const sampler = makeSampler(search, space);
  const trials = new Map<number, TrialState>();
  const submittedJobs = new Map<number, string[]>();
  const objective = (score: number) => (Number.isFinite(score) ? (lowerBetter ? score : -score) : NaN);
  // Replay the journal: the same asks and tells in the same order restore the sampler's state.
  for (const event of previous.records) {
    if (event.type === 'asked') {
      const point = sampler.ask();
      if (!point || !samePoint(point, event.point)) throw new UserError(`${journalFile}: the sampler does not reproduce trial ${event.trial}; was the config's search section changed since the run started?`);
      trials.set(event.trial, { trial: event.trial, point, folds: new Map(), status: 'running', started: performance.now() });
    } else if (event.type === 'submitted') {
      submittedJobs.set(event.trial, [...(submittedJobs.get(event.trial) ?? []), event.job]);
    } else if (event.type === 'cancelled') {
      submittedJobs.set(event.trial, (submittedJobs.get(event.trial) ?? []).filter((job) => job !== event.job));
    } else if (event.type === 'fold') {
      trials.get(event.trial)?.folds.set(event.fold, event.outcome);
    } else if (event.type === 'told') {
      const trial = trials.get(event.trial)!;
      Object.assign(trial, { status: 'completed', score: event.score, std: event.std });
      sampler.tell(trial.point, objective(event.score));
    } else if (event.type === 'failed') {
      const trial = trials.get(event.trial)!;
      Object.assign(trial, { status: 'failed', reason: event.reason });
      sampler.tell(trial.point, NaN);
    }
  }
  journal.append({ type: 'search-started', time: new Date().toISOString(), method: search.method, names: space.names, pid: process.pid });

  const maxConsecutiveFailures = search.maxConsecutiveFailures ?? 5;
  let stopping = false;
  let fatal: Error | undefined;
  const executor = makeExecutor(loaded, run, options, {
    jobs: Math.max(1, options.jobs ?? search.nJobs ?? os.availableParallelism()),
    timeoutMs: (search.trialTimeout ?? 3600) * 1000,
    maxRetries: search.maxRetries ?? 1,
    log,
    isStopping: () => stopping,
  });
  log(executor.description);
  void options.stopSignal?.then(() => {
    stopping = true;
    void executor.close();
  });

  const resumedDone = [...trials.values()].filter((t) => t.status !== 'running').length;
  log(`Fitting ${k} folds for each of ${candidates} candidates, totalling ${k * candidates} fits${resumedDone ? ` (resuming: ${resumedDone} trials already done)` : ''}`);
  progress({ type: 'planned', folds: k, candidates, fits: k * candidates, resumedTrials: resumedDone });

  const params = (point: Point) => Object.fromEntries(space.names.map((n, i) => [n, point[i] as PointValue]));
  const recordsOf = (states: TrialState[]): TrialRecord[] =>
    states.map((t) => ({
      trial: t.trial,
      point: t.point as PointValue[],
      params: params(t.point),
      status: t.status,
      score: t.score,
      std: t.std,
      foldScores: [...t.folds.keys()].sort((a, b) => a - b).map((f) => t.folds.get(f)!.scores[scoring]),
      seconds: [...t.folds.values()].reduce((s, f) => s + f.seconds, 0),
      reason: t.reason,
    }));
  // trials.json follows the search as trials end, for the editor's tree and dashboards.
  const writeFinishedTrials = () => run.write(RUN.trials, recordsOf([...trials.values()].filter((t) => t.status !== 'running').sort((a, b) => a.trial - b.trial)));

  let consecutiveFailures = 0;
  const finishTrial = (trial: TrialState, outcome: { failed?: string }) => {
    if (outcome.failed) {
      Object.assign(trial, { status: 'failed', reason: outcome.failed });
      journal.append({ type: 'failed', trial: trial.trial, reason: outcome.failed });
      sampler.tell(trial.point, NaN);
      consecutiveFailures++;
      log(`trial ${trial.trial + 1} failed: ${outcome.failed}`);
      progress({ type: 'trialFailed', trial: trial.trial, reason: outcome.failed });
    } else {
      const scores = [...trial.folds.keys()].sort((a, b) => a - b).map((f) => trial.folds.get(f)!.scores[scoring]);
      const score = mean(scores);
      Object.assign(trial, { status: 'completed', score, std: std(scores) });
      journal.append({ type: 'told', trial: trial.trial, score, std: trial.std! });
      progress({ type: 'trialTold', trial: trial.trial, score, std: trial.std! });
      sampler.tell(trial.point, objective(score));
      consecutiveFailures = Number.isFinite(score) ? 0 : consecutiveFailures + 1;
    }
    writeFinishedTrials();
  };

  // Resolved whenever a fold ends, so that new trials start while others finish their folds.
  let wake: () => void = () => undefined;
  let woken = new Promise<void>((resolve) => (wake = resolve));
  const foldEnded = () => {
    wake();
    woken = new Promise<void>((resolve) => (wake = resolve));
  };

  const runTrial = async (trial: TrialState): Promise<void> => {
    const missing = Array.from({ length: k }, (_, f) => f).filter((f) => !trial.folds.has(f));
    const task = { trial: trial.trial, config: applyPoint(raw, space.names, trial.point), folds: missing, k, label: describePoint(names, trial.point), previousJobs: submittedJobs.get(trial.trial) ?? [], ...(isPhysicsScoring(scoring) ? { scorings: [scoring] } : {}) };
    try {
      await executor.run(task, {
        onFold: (fold, outcome) => {
          // Loss per epoch and binned predictions stay in the trial's folder, for its dashboard.
          const journalled = { ...outcome, history: undefined, heldOutHistogram: undefined };
          trial.folds.set(fold, journalled);
          journal.append({ type: 'fold', trial: trial.trial, fold, outcome: journalled });
          foldEnded();
          log(`[CV ${fold + 1}/${k}] ${task.label} ..... ${scoring}=${outcome.scores[scoring].toFixed(3)} total=${outcome.seconds.toFixed(1)}s`);
          progress({ type: 'foldDone', trial: trial.trial, fold, score: outcome.scores[scoring], seconds: outcome.seconds });
        },
        onRetry: (fold, reason) => progress({ type: 'foldRetried', trial: trial.trial, fold, reason }),
        onSubmitted: (job) => journal.append({ type: 'submitted', trial: trial.trial, job }),
        onCancelled: (job) => journal.append({ type: 'cancelled', trial: trial.trial, job }),
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (stopping || (error instanceof JobFailure && error.kind === 'cancelled')) return;
      finishTrial(trial, { failed: messageOf(error) });
      return;
    }
    finishTrial(trial, {});
  };

  const active = new Map<number, Promise<void>>();
  const queued = [...trials.values()].filter((t) => t.status === 'running');
  let asked = trials.size;
  const inflightFolds = () => [...active.keys()].reduce((n, id) => n + (k - trials.get(id)!.folds.size), 0);
  const nextTrial = (): TrialState | undefined => {
    const resumed = queued.shift();
    if (resumed) return resumed;
    if (asked >= candidates) return undefined;
    const point = sampler.ask();
    if (!point) return undefined;
    const trial: TrialState = { trial: asked++, point, folds: new Map(), status: 'running', started: performance.now() };
    trials.set(trial.trial, trial);
    journal.append({ type: 'asked', trial: trial.trial, point });
    return trial;
  };

  try {
    for (;;) {
      // Keep every worker busy: start a trial while no more folds are pending than workers.
      while (!stopping && !fatal && consecutiveFailures < maxConsecutiveFailures && executor.hasRoom(active.size, inflightFolds())) {
        const trial = nextTrial();
        if (!trial) break;
        trial.started = performance.now();
        active.set(
          trial.trial,
          runTrial(trial)
            .catch((error: Error) => {
              fatal ??= error;
            })
            .finally(() => active.delete(trial.trial)),
        );
      }
      if (active.size === 0) break;
      await Promise.race([...active.values(), woken]);
    }
    if (fatal) throw fatal;
    if (consecutiveFailures >= maxConsecutiveFailures) log(`stopping: ${consecutiveFailures} trials failed in a row (search.maxConsecutiveFailures)`);
  } catch (error) {
    await executor.close();
    run.updateRecord({ status: 'failed', error: messageOf(error), finished: new Date().toISOString() });
    journal.close();
    lock.release();
    throw error;
  }
  await executor.close();

  const finished = [...trials.values()].sort((a, b) => a.trial - b.trial);
  const ranked = finished.filter((t) => t.status === 'completed' && Number.isFinite(t.score));
  ranked.sort((a, b) => (lowerBetter ? a.score! - b.score! : b.score! - a.score!));
  const best = ranked[0];
  const trialRecords = recordsOf(finished);

  let test: SearchSummary['test'] = null;
  if (stopping) {
    journal.close();
    run.updateRecord({ status: 'cancelled', finished: new Date().toISOString(), seconds: (performance.now() - started) / 1000 });
    lock.release();
    throw new UserError(`search stopped; resume it with: hepml search ${path.relative(process.cwd(), loaded.file)} --resume ${path.relative(process.cwd(), run.dir)}`);
  }
  if (best && (search.refit ?? true)) {
    progress({ type: 'refit' });
    log(`refitting the best candidate (${describePoint(names, best.point)}, ${scoring}=${best.score!.toFixed(4)}) on the whole training set`);
    const bestConfig = applyPoint(raw, space.names, best.point);
    const text = JSON.stringify(bestConfig, null, 2);
    const refitLoaded: LoadedConfig = { ...loaded, raw: bestConfig, text, config: resolveConfig(bestConfig, `${loaded.config.name}-best`) };
    const summary = await trainExperiment(refitLoaded, {}, createChildRunDirectory(run, REFIT_FOLDER, text));
    test = { ...summary.metrics, runDir: summary.runDir };
  }
  journal.append({ type: 'search-finished', time: new Date().toISOString(), bestTrial: best?.trial });
  journal.close();
  const seconds = (performance.now() - started) / 1000;
  const summary: SearchSummary = {
    runDir: run.dir,
    method: search.method,
    trials: candidates,
    best: best ? { params: params(best.point), score: best.score!, std: best.std! } : null,
    test,
    seconds,
  };
  const finalRecord = run.updateRecord({ status: 'completed', finished: new Date().toISOString(), seconds, metrics: test ? { auc: test.auc, accuracy: test.accuracy, loss: test.loss } : undefined });
  writeSearchResults(run, finalRecord, { search, space, trials: trialRecords, summary, scoring });
  lock.release();
  log(`best ${scoring} ${best ? `${best.score!.toFixed(4)} +- ${best.std!.toFixed(4)} (${describePoint(names, best.point)})` : 'none: every trial failed'}${test ? `; test AUC ${test.auc.toFixed(4)}` : ''}`);
  log(`elapsed ${seconds.toFixed(1)}s`);
  return summary;
}
