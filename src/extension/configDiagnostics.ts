import * as vscode from 'vscode';
import { parseConfig } from '../core/config/parse';
import type { Problem } from '../core/config/problems';

export const CONFIG_PATTERN = /\.hepml\.json$/;

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = 'hepml';
  return diagnostic;
}

/** Checks `*.hepml.json` documents as the user types and shows the problems. */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('hepml');

  check(document: vscode.TextDocument): void {
    if (!CONFIG_PATTERN.test(document.fileName)) return;
    const parsed = parseConfig(document.getText());
    this.collection.set(document.uri, parsed.problems.map((p) => toDiagnostic(document, p)));
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
    this.collection.dispose();
  }
}
