import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DashboardPanel } from '../dashboardPanel';
import { runsFolder } from '../settings';
import { listRuns, RunDirectory } from '../../core/store/runStore';
import { showReport } from '../reportPanel';
import { ExperimentsTablePanel } from '../experimentsTablePanel';
import { RUN } from '../../core/store/runLayout';
import { configUri, runDirOf, safeStatus, trusted, type CommandContext } from './commandContext';

// Commands on stored runs: dashboards, comparison, report, the experiments table, reveal, delete.

export async function openDiagnostics(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const runDir = typeof argument === 'string' && !argument.endsWith('.hepml.json') ? argument : runDirOf(argument);
  if (runDir) return DashboardPanel.show(ctx.extension, runDir);
  // For a config: the panel beside the editor that follows the active config and its latest run.
  const uri = configUri(argument);
  if (!uri?.fsPath.endsWith('.hepml.json')) return void vscode.window.showInformationMessage('HEP ML Lab: open a *.hepml.json config or pick a run in the Experiments view.');
  return DashboardPanel.follow(ctx.extension, uri.fsPath);
}

export async function compareRuns(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  let runDirs = Array.isArray(argument) && argument.every((a) => typeof a === 'string') ? (argument as string[]) : undefined;
  if (!runDirs) {
    const picks = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => listRuns(folder.uri.fsPath, runsFolder()))
      .filter((run) => run.has(RUN.diagnostics) || run.refit().has(RUN.diagnostics))
      .map((run) => ({ label: run.id, description: safeStatus(run), runDir: run.dir }));
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, title: 'HEP ML: runs to compare (two or more)' });
    runDirs = chosen?.map((c) => c.runDir);
  }
  if (!runDirs || runDirs.length < 2) return void vscode.window.showInformationMessage('HEP ML Lab: pick two or more runs with a trained model to compare.');
  return DashboardPanel.showComparison(ctx.extension, runDirs);
}

export async function openReport(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const runDir = runDirOf(argument);
  if (!runDir || !fs.existsSync(path.join(runDir, RUN.report.name))) return void vscode.window.showInformationMessage('HEP ML Lab: this run has no report (yet).');
  // Its scripts run in a webview: only in a trusted workspace.
  if (!trusted('Opening a report')) return undefined;
  showReport(runDir);
  return path.join(runDir, RUN.report.name);
}

export async function showExperiments(ctx: CommandContext): Promise<unknown> {
  return ExperimentsTablePanel.show(ctx.extension);
}

export async function revealConfig(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const runDir = runDirOf(argument);
  if (!runDir) return undefined;
  const record = new RunDirectory(runDir).readRecord();
  // The run's frozen copy when the config file is gone.
  const file = fs.existsSync(record.configFile) ? record.configFile : path.join(runDir, RUN.config.name);
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  return file;
}

export async function deleteRun(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const runDir = runDirOf(argument);
  if (!runDir) return undefined;
  if (fs.existsSync(path.join(runDir, RUN.lock.name))) return void vscode.window.showWarningMessage('HEP ML Lab: this run is in use; stop it first.');
  const answer = await vscode.window.showWarningMessage(`Delete run ${path.basename(runDir)}? It goes to the trash where the system has one.`, { modal: true }, 'Delete');
  if (answer !== 'Delete') return undefined;
  await vscode.workspace.fs.delete(vscode.Uri.file(runDir), { recursive: true, useTrash: true });
  ctx.refresh();
  return runDir;
}

export async function refreshExperiments(ctx: CommandContext): Promise<unknown> {
  return ctx.refresh();
}
