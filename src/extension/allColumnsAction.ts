import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { draftConfig } from '../core/config/draft';

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
    // Only files inside the workspace, as the config checker allows.
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    const dataFile = path.resolve(path.dirname(document.uri.fsPath), firstSource.value);
    if (path.relative(folder, dataFile).startsWith('..')) return [];
    let proposed: string[];
    try {
      proposed = (await draftConfig(dataFile, path.dirname(document.uri.fsPath))).config.data.features as string[];
    } catch {
      return [];
    }
    const listed = new Set((features.children ?? []).map((c) => (c.type === 'string' ? c.value : c.children?.find((p) => p.children?.[0]?.value === 'name')?.children?.[1]?.value)));
    const missing = proposed.filter((name) => !listed.has(name));
    if (missing.length === 0) return [];
    const current = (features.children ?? []).map((c) => JSON.parse(text.slice(c.offset, c.offset + c.length)) as unknown);
    const edited = applyEdits(text, modify(text, ['data', 'features'], [...current, ...missing], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    const action = new vscode.CodeAction(`Add all ${missing.length} numeric columns not yet listed as features`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), edited);
    return [action];
  }
}
