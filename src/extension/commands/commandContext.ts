import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunDirectory } from '../../core/store/runStore';
import { RUN } from '../../core/store/runLayout';
import type { ExperimentNode } from '../experimentsTree';

// What every command body is given, and how a command finds what it acts on (a config, a run).

export interface CommandContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  refresh: () => void;
}

export function configUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  // A config row of the Experiments tree (its context menu).
  const node = argument as ExperimentNode | undefined;
  if (node?.kind === 'config' && node.uri instanceof vscode.Uri) return node.uri;
  if (typeof argument === 'string' && argument.endsWith('.hepml.json')) return vscode.Uri.file(argument);
  return vscode.window.activeTextEditor?.document.uri;
}

export function workspaceOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
}

export function safeStatus(run: RunDirectory): string {
  try {
    const record = run.readRecord();
    return `${record.name} ${record.kind}, ${record.status}${record.metrics ? `, AUC ${record.metrics.auc.toFixed(4)}` : ''}`;
  } catch {
    return '';
  }
}

/** The run folder of a tree item (or a path given by a test or another extension). */
export function runDirOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && fs.existsSync(path.join(argument, RUN.record.name))) return argument;
  const node = argument as ExperimentNode | undefined;
  return node?.kind === 'run' && typeof node.summary?.run?.dir === 'string' ? node.summary.run.dir : undefined;
}

/** Whether a command that starts processes may run; in restricted mode it says why not. */
export function trusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`HEP ML Lab: ${action} is disabled in an untrusted workspace; trust it to run experiments.`);
  return false;
}

/** The config a command acts on, or undefined after telling the user what is missing. */
export function requireConfig(argument: unknown, action: string): vscode.Uri | undefined {
  if (!trusted(action)) return undefined;
  const uri = configUri(argument);
  if (!uri || !uri.fsPath.endsWith('.hepml.json')) {
    void vscode.window.showErrorMessage(`HEP ML Lab: open or select a *.hepml.json config to ${action.toLowerCase()}.`);
    return undefined;
  }
  return uri;
}
