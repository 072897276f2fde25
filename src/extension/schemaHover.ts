import { getLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { documentationMarkdown, keyDocumentation } from '../core/config/schemaDocs';

/** Hovering a key of a config shows the schema's description, default and allowed values. */
export class SchemaHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const location = getLocation(document.getText(), document.offsetAt(position));
    if (!location.isAtPropertyKey || location.path.length === 0) return undefined;
    const doc = keyDocumentation(location.path);
    if (!doc || (!doc.description && doc.default === undefined && !doc.allowed)) return undefined;
    const range = document.getWordRangeAtPosition(position, /"[^"]*"/);
    return new vscode.Hover(new vscode.MarkdownString(documentationMarkdown(doc)), range);
  }
}
