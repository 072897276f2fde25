import type { SearchProgress } from '../../shared/searchProgress';

/**
 * Fits done of fits planned, from a search's typed progress events: a retried fold is not a fit
 * done, and a pruned trial's folds that never run are settled, not pending.
 */
export class FitCount {
  planned = 0;
  done = 0;
  pruned = 0;
  private folds = 0;
  private readonly foldsOf = new Map<number, number>();

  follow(event: SearchProgress): void {
    if (event.type === 'planned') {
      this.planned = event.fits;
      this.folds = event.folds;
      this.done = event.resumedTrials * event.folds;
    }
    if (event.type === 'foldDone') {
      this.done++;
      this.foldsOf.set(event.trial, (this.foldsOf.get(event.trial) ?? 0) + 1);
    }
    if (event.type === 'trialPruned') {
      this.done += this.folds - (this.foldsOf.get(event.trial) ?? 0);
      this.pruned++;
    }
  }

  /** "12/45 fits, 3 pruned", or "starting" before the plan is known. */
  get text(): string {
    if (!this.planned) return 'starting';
    return `${this.done}/${this.planned} fits${this.pruned ? `, ${this.pruned} pruned` : ''}`;
  }
}
