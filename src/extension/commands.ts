import * as vscode from 'vscode';
import { trainInWorker } from './trainInWorker';

const PREFIX = 'hepml.';

function configUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  return vscode.window.activeTextEditor?.document.uri;
}

/** One command table; the `hepml.` prefix is added here only. */
export function registerCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    train: async (argument) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('HEP ML Lab: training is disabled in an untrusted workspace.');
        return undefined;
      }
      const uri = configUri(argument);
      if (!uri || !uri.fsPath.endsWith('.hepml.json')) {
        void vscode.window.showErrorMessage('HEP ML Lab: open or select a *.hepml.json config to train.');
        return undefined;
      }
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      return trainInWorker(context, uri.fsPath, folder?.uri.fsPath ?? vscode.Uri.joinPath(uri, '..').fsPath);
    },
    validate: async (argument) => {
      const uri = configUri(argument);
      if (uri) await vscode.languages.getDiagnostics(uri);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    },
  };
  return Object.entries(commands).map(([name, handler]) => vscode.commands.registerCommand(PREFIX + name, handler));
}
