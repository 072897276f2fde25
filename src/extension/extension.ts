import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ConfigDiagnostics } from './configDiagnostics';

export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = new ConfigDiagnostics();
  context.subscriptions.push(diagnostics, ...registerCommands(context));
  diagnostics.watch(context.subscriptions);
}

export function deactivate(): void {
  // Workers are children of the extension host and are killed with their disposables.
}
