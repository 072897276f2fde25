import * as path from 'node:path';
import * as vscode from 'vscode';
import { dataProblems } from '../core/config/dataCheck';
import { parseConfig } from '../core/config/parse';
import type { Problem } from '../core/config/problems';

export const CONFIG_PATTERN = /\.hepml\.json$/;
const DATA_CHECK_DELAY_MS = 300;

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = 'hepml';
  return diagnostic;
}

/**
 * Checks `*.hepml.json` documents as the user types: the schema and consistency at once, then
 * (after a short pause) the checks that read the data files' headers.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('hepml');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly versions = new Map<string, number>();

  check(document: vscode.TextDocument): void {
    if (!CONFIG_PATTERN.test(document.fileName)) return;
    const key = document.uri.toString();
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    const parsed = parseConfig(document.getText());
    this.collection.set(document.uri, parsed.problems.map((p) => toDiagnostic(document, p)));
    clearTimeout(this.pending.get(key));
    if (!parsed.config || document.uri.scheme !== 'file') return;
    const config = parsed.config;
    this.pending.set(
      key,
      setTimeout(() => {
        const workspace = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
        void dataProblems(config, parsed.locate, document.uri.fsPath, { workspace }).then((found) => {
          // A newer edit has its own check under way: this result is stale.
          if (this.versions.get(key) !== version) return;
          this.collection.set(document.uri, [...parsed.problems, ...found].map((p) => toDiagnostic(document, p)));
        });
      }, DATA_CHECK_DELAY_MS),
    );
  }

  watch(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.collection.dispose();
  }
}
