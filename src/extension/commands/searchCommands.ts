import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SearchSummary } from '../../shared/search';
import { runCli, stopAll } from '../cliProcess';
import { DashboardPanel } from '../dashboardPanel';
import { runsOf } from '../runStoreView';
import { jobsArguments } from '../settings';
import { SearchStatus } from '../runStatus';
import { RunDirectory } from '../../core/store/runStore';
import { stopTrainings } from '../trainInWorker';
import { parseSearchProgress } from '../../core/protocol/searchProgress';
import { requireConfig, runDirOf, trusted, workspaceOf, type CommandContext } from './commandContext';

// Commands of a search: run (with its typed progress in the status bar), resume, stop.

/** The status entry of the latest search started here (the integration tests read it). */
export let lastSearchStatus: SearchStatus | undefined;

export async function runSearch(ctx: CommandContext, argument?: unknown, resumeDir?: unknown): Promise<unknown> {
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
}

export async function resume(ctx: CommandContext, argument?: unknown): Promise<unknown> {
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
}

export async function stop(ctx: CommandContext, argument?: unknown): Promise<unknown> {
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
}
