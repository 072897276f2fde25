import * as vscode from 'vscode';
import { FitCount } from '../core/protocol/fitCount';
import type { SearchProgress } from '../shared/searchProgress';

/** The status-bar entry of a running search: fits done of fits planned, from its typed progress events. */
export class SearchStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private readonly count = new FitCount();

  constructor(private readonly name: string) {
    this.item.command = 'workbench.action.output.toggleOutput';
    this.item.tooltip = 'HEP ML Lab: search progress (click for the log)';
    this.show();
  }

  /** Follows one event of `hepml search --events`. */
  follow(event: SearchProgress): void {
    this.count.follow(event);
    this.show();
  }

  get text(): string {
    return this.item.text;
  }

  private show(): void {
    this.item.text = `$(sync~spin) ${this.name}: ${this.count.text}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
