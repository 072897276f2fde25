import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { SearchSummary } from '../shared/search';
import { runCli, stopAll } from './cliProcess';
import { DashboardPanel } from './dashboardPanel';
import { runsOf } from './runStoreView';
import { jobsArguments, runsFolder } from './settings';
import { SearchStatus } from './runStatus';

/** The status entry of the latest search started here (the integration tests read it). */
export let lastSearchStatus: SearchStatus | undefined;
import { listRuns, RunDirectory } from '../core/store/runStore';
import { describeColumn } from '../core/config/columnSummary';
import { draftConfig, unusedConfigPath } from '../core/config/draft';
import { isTraining, stopTrainings, trainInWorker } from './trainInWorker';
import { showReport } from './reportPanel';
import { minimalEdit } from './configFixes';
import { ExperimentsTablePanel } from './experimentsTablePanel';
import { applyToFiles, scoreWithModel } from './applyCommands';
import { parsePath } from '../core/config/configPaths';
import { RUN } from '../core/store/runLayout';
import { parseSearchProgress } from '../core/protocol/searchProgress';

const PREFIX = 'hepml.';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  refresh: () => void;
}

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

function configUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  // A config row of the Experiments tree (its context menu).
  const node = argument as { kind?: string; uri?: unknown } | undefined;
  if (node?.kind === 'config' && node.uri instanceof vscode.Uri) return node.uri;
  if (typeof argument === 'string' && argument.endsWith('.hepml.json')) return vscode.Uri.file(argument);
  return vscode.window.activeTextEditor?.document.uri;
}

function workspaceOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
}

function safeStatus(run: RunDirectory): string {
  try {
    const record = run.readRecord();
    return `${record.name} ${record.kind}, ${record.status}${record.metrics ? `, AUC ${record.metrics.auc.toFixed(4)}` : ''}`;
  } catch {
    return '';
  }
}

/** The run folder of a tree item (or a path given by a test or another extension). */
function runDirOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && fs.existsSync(path.join(argument, RUN.record.name))) return argument;
  const node = argument as { kind?: string; summary?: { run?: { dir?: string } } } | undefined;
  return node?.kind === 'run' && typeof node.summary?.run?.dir === 'string' ? node.summary.run.dir : undefined;
}

/** Whether a command that starts processes may run; in restricted mode it says why not. */
function trusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`HEP ML Lab: ${action} is disabled in an untrusted workspace; trust it to run experiments.`);
  return false;
}

/** The config a command acts on, or undefined after telling the user what is missing. */
function requireConfig(argument: unknown, action: string): vscode.Uri | undefined {
  if (!trusted(action)) return undefined;
  const uri = configUri(argument);
  if (!uri || !uri.fsPath.endsWith('.hepml.json')) {
    void vscode.window.showErrorMessage(`HEP ML Lab: open or select a *.hepml.json config to ${action.toLowerCase()}.`);
    return undefined;
  }
  return uri;
}

/** Runs an analysis command of the CLI on a config, then shows the run's dashboard. */
async function runAnalysis(ctx: CommandContext, argument: unknown, title: string, command: string[], extra: string[] = []): Promise<unknown> {
  const uri = requireConfig(argument, title);
  if (!uri) return undefined;
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath)?.save();
  ctx.output.show(true);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `HEP ML Lab: ${title}`, cancellable: true }, async (progress, token) => {
    const run = runCli<{ runDir: string }>(ctx.extension, [...command, uri.fsPath, ...extra], workspaceOf(uri), ctx.output, (line) => progress.report({ message: line.slice(0, 120) }));
    token.onCancellationRequested(() => run.stop());
    try {
      const result = await run.result;
      ctx.refresh();
      DashboardPanel.show(ctx.extension, result.runDir);
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(`HEP ML Lab: ${(error as Error).message}`);
      return undefined;
    }
  });
}

/** One command table; the `hepml.` prefix is added here only. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    newExperiment: async (argument) => {
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
    },
    train: async (argument) => {
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
    },
    runSearch: async (argument, resumeDir) => {
      const uri = requireConfig(argument, 'Running a search');
      if (!uri) return undefined;
      await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath)?.save();
      ctx.output.show(true);
      const args = ['search', uri.fsPath, '--events', ...jobsArguments(), ...(typeof resumeDir === 'string' ? ['--resume', resumeDir] : [])];
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'HEP ML Lab: search', cancellable: true }, async (progress, token) => {
        const status = new SearchStatus(path.basename(uri.fsPath, '.hepml.json'));
        lastSearchStatus = status;
        // The human log goes to the output channel; the status bar and the progress follow the typed events.
        // The tree follows run.json and trials.json through its file watcher; no refresh per fold.
        const run = runCli<SearchSummary>(ctx.extension, args, workspaceOf(uri), ctx.output, (line) => {
          if (line.startsWith('[CV')) progress.report({ message: line.slice(0, 120) });
        }, (line) => {
          const event = parseSearchProgress(line);
          if (event) status.follow(event);
        });
        void run.result.finally(() => status.dispose()).catch(() => undefined);
        token.onCancellationRequested(() => run.stop());
        try {
          const summary = await run.result;
          ctx.refresh();
          void vscode.window.showInformationMessage(`HEP ML Lab: best ${summary.best ? summary.best.score.toFixed(4) : '-'}; test AUC ${summary.test?.auc.toFixed(4) ?? '-'}`);
          DashboardPanel.show(ctx.extension, summary.runDir);
          return summary;
        } catch (error) {
          ctx.refresh();
          void vscode.window.showErrorMessage(`HEP ML Lab: ${(error as Error).message}`);
          return undefined;
        }
      });
    },
    resume: async (argument) => {
      if (!trusted('Resuming a search')) return undefined;
      // From the tree: that run, with the config it froze's file.
      const runDir = runDirOf(argument);
      if (runDir) {
        const record = new RunDirectory(runDir).readRecord();
        if (record.kind !== 'search') return void vscode.window.showInformationMessage('HEP ML Lab: only searches resume; train this config again instead.');
        return vscode.commands.executeCommand('hepml.runSearch', vscode.Uri.file(record.configFile), runDir);
      }
      const uri = requireConfig(argument, 'Resuming a search');
      if (!uri) return undefined;
      const stopped = runsOf(workspaceOf(uri), uri.fsPath).find((r) => r.record.kind === 'search' && r.record.status !== 'completed');
      if (!stopped) return void vscode.window.showInformationMessage('HEP ML Lab: no interrupted search of this config to resume.');
      return vscode.commands.executeCommand('hepml.runSearch', uri, stopped.run.dir);
    },
    stop: async (argument) => {
      const runDir = runDirOf(argument);
      if (runDir) {
        if (!trusted('Stopping a run')) return undefined;
        // A run of the tree: its driver may be another window's or gone; `hepml stop` handles both.
        const stopping = runCli<{ stopped: string }>(ctx.extension, ['stop', runDir], path.dirname(runDir), ctx.output);
        try {
          const { stopped } = await stopping.result;
          void vscode.window.showInformationMessage(`HEP ML Lab: ${stopped}`);
          ctx.refresh();
          return stopped;
        } catch (error) {
          void vscode.window.showErrorMessage(`HEP ML Lab: ${(error as Error).message}`);
          return undefined;
        }
      }
      const stopped = stopAll() + stopTrainings();
      void vscode.window.showInformationMessage(stopped ? `HEP ML Lab: stopping ${stopped} run(s).` : 'HEP ML Lab: nothing is running.');
      return stopped;
    },
    openDiagnostics: async (argument) => {
      const runDir = typeof argument === 'string' && !argument.endsWith('.hepml.json') ? argument : runDirOf(argument);
      if (runDir) return DashboardPanel.show(ctx.extension, runDir);
      // For a config: the panel beside the editor that follows the active config and its latest run.
      const uri = configUri(argument);
      if (!uri?.fsPath.endsWith('.hepml.json')) return void vscode.window.showInformationMessage('HEP ML Lab: open a *.hepml.json config or pick a run in the Experiments view.');
      return DashboardPanel.follow(ctx.extension, uri.fsPath);
    },
    applyBestParameters: async (argument, options) => {
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
    },
    trainWithParameters: async (argument, params) => {
      // A new config beside the original (never overwriting one) with the given parameters, then trained.
      const uri = requireConfig(argument, 'Training');
      if (!uri || typeof params !== 'object' || params === null) return undefined;
      const text = withParameters(fs.readFileSync(uri.fsPath, 'utf8'), params as Record<string, unknown>);
      const base = `${path.basename(uri.fsPath, '.hepml.json')}-best`;
      const target = vscode.Uri.file(unusedConfigPath(path.dirname(uri.fsPath), base));
      await vscode.workspace.fs.writeFile(target, Buffer.from(text));
      await vscode.window.showTextDocument(target, { preview: false });
      return vscode.commands.executeCommand('hepml.train', target);
    },
    learningCurve: async (argument) => runAnalysis(ctx, argument, 'Learning curve', ['curve', 'learning'], jobsArguments()),
    validationCurve: async (argument) => {
      if (!trusted('Validation curve')) return undefined;
      const param = await vscode.window.showInputBox({ prompt: 'Config path of the hyper-parameter to sweep', value: 'training.learningRate' });
      if (!param) return undefined;
      const values = await vscode.window.showInputBox({ prompt: `Values of ${param}, comma-separated`, value: '0.0003,0.001,0.003,0.01' });
      if (!values) return undefined;
      return runAnalysis(ctx, argument, 'Validation curve', ['curve', 'validation'], ['--param', param, '--values', values, ...jobsArguments()]);
    },
    calibrate: async (argument) => runAnalysis(ctx, argument, 'Calibration', ['calibrate'], jobsArguments()),
    ensemble: async (argument) => runAnalysis(ctx, argument, 'Ensemble', ['ensemble'], jobsArguments()),
    exploreData: async (argument) => runAnalysis(ctx, argument, 'Explore data', ['explore']),
    compareRuns: async (argument) => {
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
    },
    openReport: async (argument) => {
      const runDir = runDirOf(argument);
      if (!runDir || !fs.existsSync(path.join(runDir, RUN.report.name))) return void vscode.window.showInformationMessage('HEP ML Lab: this run has no report (yet).');
      // Its scripts run in a webview: only in a trusted workspace.
      if (!trusted('Opening a report')) return undefined;
      showReport(runDir);
      return path.join(runDir, RUN.report.name);
    },
    showExperiments: () => ExperimentsTablePanel.show(ctx.extension),
    revealConfig: async (argument) => {
      const runDir = runDirOf(argument);
      if (!runDir) return undefined;
      const record = new RunDirectory(runDir).readRecord();
      // The run's frozen copy when the config file is gone.
      const file = fs.existsSync(record.configFile) ? record.configFile : path.join(runDir, RUN.config.name);
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      return file;
    },
    deleteRun: async (argument) => {
      const runDir = runDirOf(argument);
      if (!runDir) return undefined;
      if (fs.existsSync(path.join(runDir, RUN.lock.name))) return void vscode.window.showWarningMessage('HEP ML Lab: this run is in use; stop it first.');
      const answer = await vscode.window.showWarningMessage(`Delete run ${path.basename(runDir)}? It goes to the trash where the system has one.`, { modal: true }, 'Delete');
      if (answer !== 'Delete') return undefined;
      await vscode.workspace.fs.delete(vscode.Uri.file(runDir), { recursive: true, useTrash: true });
      ctx.refresh();
      return runDir;
    },
    refreshExperiments: () => ctx.refresh(),
    scoreWithModel: async (argument, selected, runDir) => (trusted('Scoring') ? scoreWithModel(ctx.extension, ctx.output, argument, selected, typeof runDir === 'string' ? runDir : undefined) : undefined),
    applyToFiles: async (argument, files) => (trusted('Scoring') ? applyToFiles(ctx.extension, ctx.output, runDirOf(argument), Array.isArray(files) ? (files as string[]) : undefined) : undefined),
  };
  return Object.entries(commands).map(([name, handler]) => vscode.commands.registerCommand(PREFIX + name, handler));
}

/** A config's text with search parameters (paths such as model.hidden.units) set, the rest kept. */
function withParameters(text: string, params: Record<string, unknown>): string {
  let result = text;
  for (const [name, value] of Object.entries(params)) {
    const jsonPath = parsePath(name).flatMap((s) => (s.index === undefined || s.index === '*' ? [s.key] : [s.key, s.index]));
    result = applyEdits(result, modify(result, jsonPath, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  return result;
}
