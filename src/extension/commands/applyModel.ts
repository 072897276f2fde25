import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AppliedFile } from '../../core/apply/applyFiles';
import { listRuns, type RunDirectory } from '../../core/store/runStore';
import { RUN } from '../../core/store/runLayout';
import { runCli } from '../cliProcess';
import { runsFolder } from '../settings';

// Using a trained model from the editor: "Score with Model..." on a data file (pick a run) and
// "Apply to Files..." on a run (pick the files); both run `hepml apply` in a child process with
// the progress shown, and say where the outputs are.

export const DATA_FILE_FILTERS = { 'ROOT, CSV or Parquet': ['root', 'csv', 'tsv', 'txt', 'dat', 'parquet'] };

/** Completed runs that hold a model to apply: trainings, and searches with a refit. */
function modelRuns(workspace: string): RunDirectory[] {
  return listRuns(workspace, runsFolder()).filter((run) => {
    try {
      const record = run.readRecord();
      return record.status === 'completed' && (record.kind === 'train' || (record.kind === 'search' && run.refit().has(RUN.record)));
    } catch {
      return false;
    }
  });
}

async function pickRun(workspace: string): Promise<string | undefined> {
  const runs = modelRuns(workspace);
  if (runs.length === 0) {
    void vscode.window.showErrorMessage('HEP ML Lab: no completed run with a model in this workspace; train one first.');
    return undefined;
  }
  const items = runs.map((run) => {
    const record = run.readRecord();
    return { label: record.name, description: `${record.kind}${record.metrics ? `, test AUC ${record.metrics.auc.toFixed(4)}` : ''}`, detail: run.id, dir: run.dir };
  });
  return (await vscode.window.showQuickPick(items, { title: 'HEP ML: score with the model of which run?' }))?.dir;
}

/** Runs hepml apply with progress; tells where the outputs went. */
async function apply(extension: vscode.ExtensionContext, output: vscode.OutputChannel, runDir: string, files: string[], workspace: string): Promise<AppliedFile[] | undefined> {
  output.show(true);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'HEP ML Lab: scoring', cancellable: true }, async (progress, token) => {
    const run = runCli<{ files: AppliedFile[]; events: number; seconds: number }>(extension, ['apply', runDir, ...files], workspace, output, (line) => progress.report({ message: line.slice(0, 120) }));
    token.onCancellationRequested(() => run.stop());
    try {
      const result = await run.result;
      const outputs = result.files.map((f) => path.relative(workspace, f.output));
      void vscode.window.showInformationMessage(`HEP ML Lab: ${result.events} events scored into ${outputs.join(', ')}.`, 'Reveal').then((choice) => {
        if (choice === 'Reveal') void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.files[0].output));
      });
      return result.files;
    } catch (error) {
      void vscode.window.showErrorMessage(`HEP ML Lab: ${(error as Error).message}`);
      return undefined;
    }
  });
}

/** Explorer: score this data file (or the given files) with a run's model. */
export async function scoreWithModel(extension: vscode.ExtensionContext, output: vscode.OutputChannel, argument: unknown, selected?: unknown, runDir?: string): Promise<AppliedFile[] | undefined> {
  const uris = Array.isArray(selected) && selected.every((u) => u instanceof vscode.Uri) ? (selected as vscode.Uri[]) : argument instanceof vscode.Uri ? [argument] : [];
  if (uris.length === 0) return void vscode.window.showErrorMessage('HEP ML Lab: right-click a ROOT, CSV or Parquet file to score it.');
  const workspace = vscode.workspace.getWorkspaceFolder(uris[0])?.uri.fsPath ?? path.dirname(uris[0].fsPath);
  const dir = runDir ?? (await pickRun(workspace));
  if (!dir) return undefined;
  return apply(extension, output, dir, uris.map((u) => u.fsPath), workspace);
}

/** Experiments tree: apply this run's model to files the user picks. */
export async function applyToFiles(extension: vscode.ExtensionContext, output: vscode.OutputChannel, runDir: string | undefined, files?: string[]): Promise<AppliedFile[] | undefined> {
  if (!runDir) return void vscode.window.showErrorMessage('HEP ML Lab: choose a completed run in the Experiments view.');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = files ?? (await vscode.window.showOpenDialog({ title: 'HEP ML: files to score', canSelectMany: true, defaultUri: folder, filters: DATA_FILE_FILTERS }))?.map((u) => u.fsPath);
  if (!picked || picked.length === 0) return undefined;
  const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(picked[0]))?.uri.fsPath ?? path.dirname(picked[0]);
  return apply(extension, output, runDir, picked, workspace);
}
