import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';
import { parseTableMessage } from '../core/protocol/webviewMessages';
import { experimentRows } from '../core/report/experimentsTable';
import type { ExperimentRow } from '../shared/webviewProtocol';
import { DashboardPanel } from './dashboardPanel';
import { watchRunStores } from './runStoreWatcher';
import { runsFolder } from './settings';
import { RUN } from '../core/store/runLayout';

const REFRESH_DELAY_MS = 300;

/** The experiments table: every run of the workspace in one sortable, filterable webview (browser half: webview/experiments.ts). */
export class ExperimentsTablePanel {
  static readonly viewType = 'hepml.experimentsTable';
  private static current?: ExperimentsTablePanel;
  private rows: ExperimentRow[] = [];
  private readonly watcher: vscode.Disposable;
  private pending?: NodeJS.Timeout;

  static show(context: vscode.ExtensionContext): ExperimentsTablePanel {
    if (ExperimentsTablePanel.current) {
      ExperimentsTablePanel.current.panel.reveal();
      ExperimentsTablePanel.current.send();
      return ExperimentsTablePanel.current;
    }
    ExperimentsTablePanel.current = new ExperimentsTablePanel(context);
    return ExperimentsTablePanel.current;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(private readonly context: vscode.ExtensionContext) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(ExperimentsTablePanel.viewType, 'HEP ML experiments', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true });
    this.panel.webview.html = this.html(media);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    this.watcher = watchRunStores('{run.json,trials.json,diagnostics.json}', () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.send(), REFRESH_DELAY_MS);
    });
    this.panel.onDidDispose(() => {
      clearTimeout(this.pending);
      this.watcher.dispose();
      ExperimentsTablePanel.current = undefined;
    });
  }

  /** The runs shown now (tests read them). */
  get shownRows(): ExperimentRow[] {
    return this.rows;
  }

  send(): void {
    this.rows = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => experimentRows(folder.uri.fsPath, runsFolder()));
    void this.panel.webview.postMessage({ type: 'rows', rows: this.rows });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseTableMessage(raw, new Set(this.rows.map((r) => r.dir)));
    if (!message) return void console.warn('hepml: ignored a malformed message from the experiments table');
    if (message.type === 'ready') this.send();
    else if (message.type === 'open') DashboardPanel.show(this.context, message.dir);
    else if (message.type === 'compare') DashboardPanel.showComparison(this.context, message.dirs);
    else {
      const [a, b] = message.dirs.map((dir) => vscode.Uri.joinPath(vscode.Uri.file(dir), RUN.config.name));
      const name = (dir: string) => this.rows.find((r) => r.dir === dir)?.id ?? dir;
      await vscode.commands.executeCommand('vscode.diff', a, b, `${name(message.dirs[0])} \u2194 ${name(message.dirs[1])} (configs)`);
    }
  }

  private html(media: vscode.Uri): string {
    return webviewPage(this.panel.webview, vscode.Uri.joinPath(media, 'experiments.js'), {
      title: 'HEP ML experiments',
      style: `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.bar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
input[type=text] { color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; min-width: 16em; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); text-align: left; white-space: nowrap; }
td:nth-child(7) { white-space: normal; max-width: 28em; }
th { cursor: pointer; position: sticky; top: 0; background: var(--vscode-editor-background); }
tr.warned td:nth-child(6) { color: var(--vscode-editorWarning-foreground); }
tr:hover td { background: var(--vscode-list-hoverBackground); }`,
      body: `<div class="bar">
<input id="filter" type="text" placeholder="Filter runs (any column)" aria-label="filter runs">
<button id="compare" disabled>Compare Runs</button>
<button id="diff" disabled>Diff Configs</button>
<span id="count"></span>
</div>
<div class="scroll"><table id="runs"></table></div>`,
    });
  }
}
