import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { compareSpecs } from '../core/report/compareSpecs';
import { runSpecs } from '../core/report/runSpecs';
import type { NamedSpec } from '../core/report/specs';
import { parseWebviewMessage } from '../core/protocol/webviewMessages';


/** Host half of a run's dashboard (browser half: webview/dashboard.ts). */
export class DashboardPanel {
  private static readonly open = new Map<string, DashboardPanel>();
  /** What the webview last reported drawing (tests and the UI test read it). */
  lastRendered?: { plots: number; errors: string[] };
  private readonly renderedWaiters: ((r: { plots: number; errors: string[] }) => void)[] = [];

  static show(context: vscode.ExtensionContext, runDir: string): DashboardPanel {
    return DashboardPanel.showPlots(context, runDir, () => runSpecs(runDir));
  }

  /** Several runs side by side (Compare Runs). */
  static showComparison(context: vscode.ExtensionContext, runDirs: string[]): DashboardPanel {
    return DashboardPanel.showPlots(context, `compare:${runDirs.join('|')}`, () => compareSpecs(runDirs));
  }

  private static showPlots(context: vscode.ExtensionContext, key: string, plots: () => { title: string; specs: NamedSpec[] }): DashboardPanel {
    const existing = DashboardPanel.open.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      existing.send();
      return existing;
    }
    const panel = new DashboardPanel(context, key, plots);
    DashboardPanel.open.set(key, panel);
    return panel;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly key: string,
    private readonly plots: () => { title: string; specs: NamedSpec[] },
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel('hepml.dashboard', 'HEP ML dashboard', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: true,
    });
    this.panel.webview.html = this.html(media);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        console.warn('hepml: ignored a malformed message from a dashboard');
        return;
      }
      if (message.type === 'ready') this.send();
      else {
        this.lastRendered = { plots: message.plots, errors: message.errors };
        this.renderedWaiters.splice(0).forEach((resolve) => resolve(this.lastRendered!));
      }
    });
    this.panel.onDidDispose(() => DashboardPanel.open.delete(key));
  }

  /** The page and options the webview was given (the integration tests check its CSP). */
  get webview(): { html: string; options: vscode.WebviewOptions } {
    return { html: this.panel.webview.html, options: this.panel.webview.options };
  }

  /** Resolves when the webview next reports what it drew. */
  whenRendered(): Promise<{ plots: number; errors: string[] }> {
    return new Promise((resolve) => this.renderedWaiters.push(resolve));
  }

  /** (Re)sends the run's plots, e.g. when a running search writes new trials. */
  send(): void {
    try {
      const { title, specs } = this.plots();
      this.panel.title = title;
      void this.panel.webview.postMessage({ type: 'show', title, specs });
    } catch (error) {
      void vscode.window.showErrorMessage(`HEP ML Lab: cannot read ${this.key}: ${(error as Error).message}`);
    }
  }

  private html(media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const script = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js'));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      // vega-embed sets inline styles on the elements it creates.
      `style-src ${this.panel.webview.cspSource} 'unsafe-inline'`,
      `img-src ${this.panel.webview.cspSource} data:`,
      `font-src ${this.panel.webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>HEP ML dashboard</title>
<style>body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); } .plot { background: white; padding: 8px; margin-bottom: 12px; }</style>
</head>
<body>
<h1 id="title"></h1>
<div id="plots"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}
