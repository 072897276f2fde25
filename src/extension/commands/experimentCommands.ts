import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { DashboardPanel } from '../dashboardPanel';
import { runsOf } from '../runStoreView';
import { describeColumn } from '../../core/config/columnSummary';
import { draftConfig, unusedConfigPath } from '../../core/config/draft';
import { isTraining, trainInWorker } from '../trainInWorker';
import { minimalEdit } from '../configFixes';
import { parsePath } from '../../core/config/configPaths';
import { RUN } from '../../core/store/runLayout';
import { configUri, requireConfig, workspaceOf, type CommandContext } from './commandContext';

// Commands that make and train experiments: a new config, Train, the best parameters applied or trained.

// No $schema line: the extension contributes the schema for *.hepml.json (jsonValidation).
const TEMPLATE = {
  name: 'my-experiment',
  data: {
    sources: [
      { path: 'signal.root', tree: 'events', class: 'signal' },
      { path: 'background.root', tree: 'events', class: 'background' },
    ],
    features: ['feature_1', 'feature_2'],
  },
  model: { hidden: { layers: 2, units: 64, activation: 'relu' } },
  training: { optimizer: 'adam', learningRate: 0.001, batchSize: 128, epochs: 20 },
};

/** A config's text with search parameters (paths such as model.hidden.units) set, the rest kept. */
export function withParameters(text: string, params: Record<string, unknown>): string {
  let result = text;
  for (const [name, value] of Object.entries(params)) {
    const jsonPath = parsePath(name).flatMap((s) => (s.index === undefined || s.index === '*' ? [s.key] : [s.key, s.index]));
    result = applyEdits(result, modify(result, jsonPath, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  return result;
}

export async function newExperiment(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return void vscode.window.showErrorMessage('HEP ML Lab: open a folder first.');
  // Tests (and other extensions) may name the data file and the features instead of the dialogs.
  const given = (typeof argument === 'object' && argument !== null ? argument : {}) as { dataFile?: string; features?: string[] };
  const dataFile = given.dataFile ?? (await vscode.window.showOpenDialog({ title: 'HEP ML: data file of the experiment (cancel for a template)', defaultUri: folder.uri, canSelectMany: false, filters: { 'CSV or ROOT': ['csv', 'tsv', 'txt', 'dat', 'root'] } }))?.[0]?.fsPath;
  let config: unknown = TEMPLATE;
  let base = 'experiment';
  if (dataFile) {
    try {
      const draft = await draftConfig(dataFile, folder.uri.fsPath);
      const proposed = new Set(draft.config.data.features as string[]);
      const described = new Map(draft.columns.map((c) => [c.name, describeColumn(c)]));
      const items = draft.numericColumns.map((name) => ({ label: name, description: described.get(name), picked: proposed.has(name) }));
      const features = given.features ?? (await vscode.window.showQuickPick(items, { canPickMany: true, matchOnDescription: true, title: 'HEP ML: features (range, missing share, separation of signal and background alone; label, weight and id columns left out)' }))?.map((p) => p.label);
      if (!features || features.length === 0) return undefined;
      config = { ...draft.config, data: { ...draft.config.data, features } };
      base = draft.config.name ?? base;
    } catch (error) {
      return void vscode.window.showErrorMessage(`HEP ML Lab: ${(error as Error).message}`);
    }
  }
  const target = vscode.Uri.file(unusedConfigPath(folder.uri.fsPath, base));
  await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(config, null, 2) + '\n'));
  await vscode.window.showTextDocument(target);
  return target;
}

export async function train(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  const uri = requireConfig(argument, 'Training');
  if (!uri) return undefined;
  if (isTraining(uri.fsPath)) {
    const again = 'Train Another';
    const answer = await vscode.window.showWarningMessage(`HEP ML Lab: ${path.basename(uri.fsPath)} is already training in this window. Start a second training of it?`, { modal: true }, again);
    if (answer !== again) return undefined;
  }
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath)?.save();
  const summary = await trainInWorker(ctx.extension, uri.fsPath, workspaceOf(uri));
  ctx.refresh();
  if (summary) DashboardPanel.show(ctx.extension, summary.runDir);
  return summary;
}

export async function trainWithParameters(ctx: CommandContext, argument?: unknown, params?: unknown): Promise<unknown> {
  // A new config beside the original (never overwriting one) with the given parameters, then trained.
  const uri = requireConfig(argument, 'Training');
  if (!uri || typeof params !== 'object' || params === null) return undefined;
  const text = withParameters(fs.readFileSync(uri.fsPath, 'utf8'), params as Record<string, unknown>);
  const base = `${path.basename(uri.fsPath, '.hepml.json')}-best`;
  const target = vscode.Uri.file(unusedConfigPath(path.dirname(uri.fsPath), base));
  await vscode.workspace.fs.writeFile(target, Buffer.from(text));
  await vscode.window.showTextDocument(target, { preview: false });
  return vscode.commands.executeCommand('hepml.train', target);
}

export async function applyBestParameters(ctx: CommandContext, argument?: unknown, options?: unknown): Promise<unknown> {
  const uri = configUri(argument);
  if (!uri) return undefined;
  const search = runsOf(workspaceOf(uri), uri.fsPath).find((r) => r.record.kind === 'search' && r.record.status === 'completed');
  if (!search) return void vscode.window.showInformationMessage('HEP ML Lab: no completed search of this config.');
  const summary = search.run.read(RUN.search);
  if (!summary.best) return void vscode.window.showInformationMessage('HEP ML Lab: that search found no best point.');
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = minimalEdit(document, withParameters(document.getText(), summary.best.params));
  // Shown as a diff in the refactor preview, applied when the user accepts; undoable; not saved.
  const confirm = (options as { confirm?: boolean } | undefined)?.confirm !== false;
  const entries = edit.entries();
  const previewed = new vscode.WorkspaceEdit();
  for (const [target, edits] of entries) for (const change of edits) previewed.replace(target, change.range, change.newText, { needsConfirmation: confirm, label: `best parameters of search ${search.run.id}` });
  const applied = await vscode.workspace.applyEdit(previewed);
  return applied ? summary.best.params : undefined;
}
