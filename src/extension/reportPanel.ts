import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN } from '../core/store/runLayout';

/**
 * A run's report.html inside VS Code (a webview beside the editor), which also works in
 * code-server and over Remote-SSH, where opening a file:// page in a browser cannot. The page
 * is self-contained; the policy lets its inline scripts run (Vega compiles expressions with
 * Function) and nothing be fetched.
 */
export function showReport(runDir: string): vscode.WebviewPanel {
  const html = fs.readFileSync(path.join(runDir, RUN.report.name), 'utf8');
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">`;
  const panel = vscode.window.createWebviewPanel('hepml.report', `report ${path.basename(runDir)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n${csp}`) : `${csp}\n${html}`;
  return panel;
}
