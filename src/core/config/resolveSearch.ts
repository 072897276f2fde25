import type { ExecutionConfig, PrunerConfig, ResolvedExecution, ResolvedPruner, ResolvedSearch, SearchConfig } from '../../shared/config';
import type { PointValue } from '../../shared/search';
import type { IntermediateMetric } from '../../shared/workerProtocol';

// The search and execution sections with their defaults, in one place: scikit-learn's and
// scikit-optimize's for the search, Optuna's for the pruners.

export const SEARCH_DEFAULTS = { cv: 3, scoring: 'auc', nCalls: 20 } as const;

/** The settings each pruner takes (besides its type). */
export const PRUNER_SETTINGS: Record<ResolvedPruner['type'], string[]> = {
  none: [],
  median: ['startupTrials', 'warmupEpochs', 'interval', 'minTrials'],
  asha: ['minEpochs', 'reductionFactor', 'brackets'],
};

export function resolvePruner(pruner: PrunerConfig | undefined): ResolvedPruner {
  switch (pruner?.type) {
    case undefined:
    case 'none':
      return { type: 'none' };
    case 'median':
      return { type: 'median', startupTrials: pruner.startupTrials ?? 5, warmupEpochs: pruner.warmupEpochs ?? 0, interval: pruner.interval ?? 1, minTrials: pruner.minTrials ?? 1 };
    case 'asha':
      return { type: 'asha', minEpochs: pruner.minEpochs ?? 1, reductionFactor: pruner.reductionFactor ?? 4, brackets: pruner.brackets ?? 1 };
  }
}

/** Trials a search runs: every distinct grid combination, or nCalls. */
function candidateCount(search: SearchConfig): number {
  if (search.method !== 'grid') return search.nCalls ?? SEARCH_DEFAULTS.nCalls;
  return Object.values(search.space).reduce((n, spec) => n * new Set((spec as { values?: PointValue[] }).values ?? []).size, 1);
}

export function resolveSearch(search: SearchConfig): ResolvedSearch {
  const nCalls = candidateCount(search);
  return {
    method: search.method,
    space: search.space,
    cv: search.cv ?? SEARCH_DEFAULTS.cv,
    scoring: search.scoring ?? search.objectives?.[0] ?? SEARCH_DEFAULTS.scoring,
    nCalls,
    nInitialPoints: Math.min(search.nInitialPoints ?? 10, nCalls),
    acqFunc: search.acqFunc ?? 'gp_hedge',
    ...(search.xi !== undefined ? { xi: search.xi } : {}),
    ...(search.kappa !== undefined ? { kappa: search.kappa } : {}),
    initialPointGenerator: search.initialPointGenerator ?? 'random',
    randomState: search.randomState ?? 0,
    shuffle: search.shuffle ?? false,
    refit: search.refit ?? true,
    ...(search.nJobs !== undefined ? { nJobs: search.nJobs } : {}),
    trialTimeout: search.trialTimeout ?? 3600,
    maxRetries: search.maxRetries ?? 1,
    maxConsecutiveFailures: search.maxConsecutiveFailures ?? 5,
    pruner: resolvePruner(search.pruner),
    constraints: search.constraints ?? {},
    objectives: search.objectives ?? [],
  };
}

/**
 * The score a pruner compares at each epoch: the held-out loss when the search ranks by loss,
 * else the held-out AUC (for physics scorings a proxy: they need a cut and yields).
 */
export function intermediateMetric(scoring: ResolvedSearch['scoring']): IntermediateMetric {
  return scoring === 'loss' ? 'loss' : 'auc';
}

/** The scoring a frozen config's search ranks by (the default for a config without one). */
export function searchScoring(search: SearchConfig | undefined): ResolvedSearch['scoring'] {
  return search?.scoring ?? search?.objectives?.[0] ?? SEARCH_DEFAULTS.scoring;
}

export function resolveExecution(execution: ExecutionConfig | undefined): ResolvedExecution {
  return {
    ...execution,
    backend: execution?.backend ?? 'local',
    extraArgs: execution?.extraArgs ?? [],
    maxConcurrentJobs: execution?.maxConcurrentJobs ?? 4,
    setup: execution?.setup ?? [],
    pollInterval: execution?.pollInterval ?? 5,
  };
}
