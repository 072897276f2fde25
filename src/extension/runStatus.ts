import * as vscode from 'vscode';

/** The status-bar entry of a running search: fits done of fits planned, from the CLI's progress lines. */
export class SearchStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private planned = 0;
  private done = 0;

  constructor(private readonly name: string) {
    this.item.command = 'workbench.action.output.toggleOutput';
    this.item.tooltip = 'HEP ML Lab: search progress (click for the log)';
    this.show();
  }

  /** Follows one line of `hepml search` output. */
  line(text: string): void {
    const plan = /^Fitting \d+ folds for each of \d+ candidates, totalling (\d+) fits(?: \(resuming: (\d+) trials already done\))?/.exec(text);
    if (plan) this.planned = Number(plan[1]);
    if (text.startsWith('[CV ')) this.done++;
    this.show();
  }

  get text(): string {
    return this.item.text;
  }

  private show(): void {
    this.item.text = `$(sync~spin) ${this.name}: ${this.planned ? `${this.done}/${this.planned} fits` : 'starting'}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
