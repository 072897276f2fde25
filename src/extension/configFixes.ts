import * as vscode from 'vscode';

export { fixedText } from '../core/verdicts/configFix';

/** One replacement of the part that changed: a small, undoable edit (and a readable diff). */
export function minimalEdit(document: vscode.TextDocument, after: string): vscode.WorkspaceEdit {
  const before = document.getText();
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(before.length - end)), after.slice(start, after.length - end));
  return edit;
}
