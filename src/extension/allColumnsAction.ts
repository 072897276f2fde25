import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { proposedFeatures } from '../core/config/draft';
import { resolveInWorkspace } from '../core/config/workspacePath';

/** On the `data.features` list: a quick fix that adds every numeric column of the first data file not listed yet. */
export class AllColumnsAction implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
    const text = document.getText();
    const root = parseTree(text);
    const features = root && findNodeAtLocation(root, ['data', 'features']);
    const firstSource = root && findNodeAtLocation(root, ['data', 'sources', 0, 'path']);
    if (!features || features.type !== 'array' || typeof firstSource?.value !== 'string') return [];
    const span = new vscode.Range(document.positionAt(features.offset), document.positionAt(features.offset + features.length));
    if (!span.intersection(range)) return [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    let proposed: string[];
    try {
      // Only files inside the workspace (links included), as the config checker allows.
      proposed = await proposedFeatures(resolveInWorkspace(folder, path.dirname(document.uri.fsPath), firstSource.value, 'data.sources[0].path'));
    } catch {
      return [];
    }
    const current = getNodeValue(features) as (string | { name: string })[];
    const listed = new Set(current.map((f) => (typeof f === 'string' ? f : f.name)));
    const missing = proposed.filter((name) => !listed.has(name));
    if (missing.length === 0) return [];
    const edited = applyEdits(text, modify(text, ['data', 'features'], [...current, ...missing], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    const action = new vscode.CodeAction(`Add all ${missing.length} numeric columns not yet listed as features`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), edited);
    return [action];
  }
}
