import type { EarlyStoppingConfig } from '../../shared/config';

/** What early stopping makes of one epoch's monitored value. */
export type StoppingVerdict = 'improved' | 'waiting' | 'stop';

/**
 * Keras' EarlyStopping: an epoch improves on the best when it beats it by more than minDelta;
 * training stops once `patience` epochs in a row have not (Keras' `wait >= patience`).
 */
export class EarlyStopping {
  private best: number;
  private waited = 0;
  bestEpoch = 0;

  constructor(private readonly config: Required<EarlyStoppingConfig>) {
    this.best = this.maximise ? -Infinity : Infinity;
  }

  private get maximise(): boolean {
    return this.config.monitor === 'val_auc' || this.config.monitor === 'val_accuracy';
  }

  observe(epoch: number, value: number): StoppingVerdict {
    const { minDelta, patience } = this.config;
    const improved = this.maximise ? value > this.best + minDelta : value < this.best - minDelta;
    if (improved) {
      this.best = value;
      this.bestEpoch = epoch;
      this.waited = 0;
      return 'improved';
    }
    this.waited++;
    return this.waited >= patience ? 'stop' : 'waiting';
  }
}
