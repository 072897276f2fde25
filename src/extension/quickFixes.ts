import * as vscode from 'vscode';
import type { ConfigDiagnostics } from './configDiagnostics';
import { fixedText, minimalEdit } from './configFixes';

const SUGGESTION = /Did you mean "([^"]+)"\?/;

/** "Did you mean" problems get a quick fix that writes the suggested name. */
export class DidYouMeanFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Our own diagnostics at the range: the context's list can lose their source on the way.
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'hepml' && d.range.intersection(range) !== undefined);
    const candidates = ours.length > 0 ? ours : context.diagnostics;
    return candidates
      .filter((d) => SUGGESTION.test(d.message))
      .map((diagnostic) => {
        const suggestion = SUGGESTION.exec(diagnostic.message)![1];
        const action = new vscode.CodeAction(`Change to "${suggestion}"`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        // A whole string (a feature's name) is replaced with quotes; a name inside an expression without.
        const whole = document.getText(diagnostic.range).startsWith('"');
        action.edit.replace(document.uri, diagnostic.range, whole ? JSON.stringify(suggestion) : suggestion);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        return action;
      });
  }
}

/** Data warnings and run verdicts get the fixes they carry (missing values, class balance, dropout, ...). */
export class ConfigFixActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'hepml');
    return this.diagnostics.problemsWithFixesAt(document, range).flatMap((problem) =>
      problem.fixes!.map((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = minimalEdit(document, fixedText(document.getText(), fix));
        action.diagnostics = ours.filter((d) => d.message === problem.message);
        action.isPreferred = i === 0;
        return action;
      }),
    );
  }
}
