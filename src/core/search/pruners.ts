import type { ResolvedPruner } from '../../shared/config';

// Pruning of hopeless trials, fold-aware: a fold's intermediate score at epoch t is compared only
// with the same fold's scores of other trials at epoch t (the folds differ in difficulty, so
// mixing them prunes a trial for the fold it drew; Optuna issue 4373).

/** Intermediate scores of every trial, by fold and epoch (1-based). */
export class IntermediateScores {
  private readonly byFoldEpoch = new Map<string, Map<number, number>>();

  record(trial: number, fold: number, epoch: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const key = `${fold}:${epoch}`;
    let values = this.byFoldEpoch.get(key);
    if (!values) this.byFoldEpoch.set(key, (values = new Map()));
    values.set(trial, value);
  }

  /** Fold `fold`'s scores at `epoch` of the given trials (those that got that far). */
  valuesAt(fold: number, epoch: number, trials: (trial: number) => boolean): number[] {
    const values: number[] = [];
    for (const [trial, value] of this.byFoldEpoch.get(`${fold}:${epoch}`) ?? []) if (trials(trial)) values.push(value);
    return values;
  }
}

export interface PruneQuestion {
  trial: number;
  fold: number;
  /** 1-based: the epoch just finished. */
  epoch: number;
  /** This fold's intermediate scores so far, epoch 1 first (the last is this epoch's). */
  curve: number[];
  scores: IntermediateScores;
  /** Whether a trial has completed (all folds, not pruned). */
  isCompleted: (trial: number) => boolean;
  completedTrials: number;
}

export interface Pruner {
  shouldPrune(question: PruneQuestion): boolean;
}

const better = (maximize: boolean) => (a: number, b: number) => (maximize ? a > b : a < b);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Optuna's MedianPruner, per fold: after `startupTrials` completed trials and `warmupEpochs`, every
 * `interval` epochs, prune when the fold's best score so far is worse than the median of the
 * completed trials' scores on the same fold at the same epoch.
 */
export class MedianPruner implements Pruner {
  constructor(
    private readonly settings: Extract<ResolvedPruner, { type: 'median' }>,
    private readonly maximize: boolean,
  ) {}

  shouldPrune(q: PruneQuestion): boolean {
    const { startupTrials, warmupEpochs, interval, minTrials } = this.settings;
    if (q.completedTrials < startupTrials || q.epoch <= warmupEpochs) return false;
    // Checked right after the warm-up, then every interval (Optuna's steps count from 0).
    if ((q.epoch - 1 - warmupEpochs) % interval !== 0) return false;
    const others = q.scores.valuesAt(q.fold, q.epoch, (trial) => trial !== q.trial && q.isCompleted(trial));
    if (others.length < minTrials) return false;
    const best = q.curve.reduce((a, b) => (better(this.maximize)(b, a) ? b : a));
    return better(this.maximize)(median(others), best);
  }
}

/**
 * Asynchronous successive halving over epochs, as Optuna's SuccessiveHalvingPruner (with
 * `minEpochs` as min_resource and no bootstrap): rungs at minEpochs x reductionFactor^(bracket + k)
 * epochs; at a rung a fold goes on only if its score is in the top 1/reductionFactor of every
 * trial's score on that fold at that rung so far. Trials go to the brackets in turn.
 */
export class AshaPruner implements Pruner {
  constructor(
    private readonly settings: Extract<ResolvedPruner, { type: 'asha' }>,
    private readonly maximize: boolean,
  ) {}

  private isRung(epoch: number, bracket: number): boolean {
    const { minEpochs, reductionFactor } = this.settings;
    for (let rung = minEpochs * reductionFactor ** bracket; rung <= epoch; rung *= reductionFactor) if (rung === epoch) return true;
    return false;
  }

  shouldPrune(q: PruneQuestion): boolean {
    const bracket = q.trial % this.settings.brackets;
    if (!this.isRung(q.epoch, bracket)) return false;
    const value = q.curve[q.curve.length - 1];
    if (!Number.isFinite(value)) return true;
    // Every trial that reached this rung on this fold, pruned or not, as Optuna's rung attributes.
    const competing = q.scores.valuesAt(q.fold, q.epoch, (trial) => trial !== q.trial && trial % this.settings.brackets === bracket);
    competing.push(value);
    competing.sort((a, b) => (this.maximize ? b - a : a - b));
    const promotable = Math.max(1, Math.floor(competing.length / this.settings.reductionFactor));
    return better(this.maximize)(competing[promotable - 1], value);
  }
}

export function makePruner(settings: ResolvedPruner, maximize: boolean): Pruner | undefined {
  switch (settings.type) {
    case 'none':
      return undefined;
    case 'median':
      return new MedianPruner(settings, maximize);
    case 'asha':
      return new AshaPruner(settings, maximize);
  }
}
