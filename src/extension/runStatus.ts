import * as vscode from 'vscode';
import type { SearchProgress } from '../shared/searchProgress';

/** The status-bar entry of a running search: fits done of fits planned, from its typed progress events. */
export class SearchStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private planned = 0;
  private done = 0;
  private folds = 0;
  private pruned = 0;
  /** Folds done per trial, so that a pruned trial's remaining folds count as settled. */
  private readonly foldsOf = new Map<number, number>();

  constructor(private readonly name: string) {
    this.item.command = 'workbench.action.output.toggleOutput';
    this.item.tooltip = 'HEP ML Lab: search progress (click for the log)';
    this.show();
  }

  /** Follows one event of `hepml search --events`: a retried fold is not a fit done. */
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
      // The pruned trial's other folds never run: they are settled, not pending.
      this.done += this.folds - (this.foldsOf.get(event.trial) ?? 0);
      this.pruned++;
    }
    this.show();
  }

  get text(): string {
    return this.item.text;
  }

  private show(): void {
    const pruned = this.pruned ? `, ${this.pruned} pruned` : '';
    this.item.text = `$(sync~spin) ${this.name}: ${this.planned ? `${this.done}/${this.planned} fits${pruned}` : 'starting'}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
