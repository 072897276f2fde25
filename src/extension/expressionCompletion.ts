import * as vscode from 'vscode';
import { expressionCompletions, type ExpressionCompletion } from '../core/config/expressionCompletion';

const KINDS: Record<ExpressionCompletion['kind'], vscode.CompletionItemKind> = {
  branch: vscode.CompletionItemKind.Field,
  define: vscode.CompletionItemKind.Variable,
  function: vscode.CompletionItemKind.Function,
  variable: vscode.CompletionItemKind.Constant,
};

/** Completes branch, column and define names (and functions) inside expression strings of a config. */
export class ExpressionCompletionProvider implements vscode.CompletionItemProvider {
  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const workspace = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const result = await expressionCompletions(document.getText(), document.offsetAt(position), document.uri.fsPath, workspace);
    if (!result) return undefined;
    const range = new vscode.Range(document.positionAt(result.start), document.positionAt(result.end));
    return result.items.map((item, i) => {
      const completion = new vscode.CompletionItem(item.label, KINDS[item.kind]);
      completion.detail = item.detail;
      completion.range = range;
      // Branches and defines first: they are what an expression is mostly made of.
      completion.sortText = `${item.kind === 'function' ? 'b' : 'a'}${String(i).padStart(5, '0')}`;
      if (item.kind === 'function') completion.insertText = new vscode.SnippetString(`${item.label}($0)`);
      return completion;
    });
  }
}
