import * as vscode from 'vscode';
import { runCli } from '../cliProcess';
import { DashboardPanel } from '../dashboardPanel';
import { jobsArguments } from '../settings';
import { requireConfig, trusted, workspaceOf, type CommandContext } from './commandContext';

// Analyses of a config run by the CLI: curves, calibration, ensembles, data exploration.

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

export async function learningCurve(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  return runAnalysis(ctx, argument, 'Learning curve', ['curve', 'learning'], jobsArguments());
}

export async function validationCurve(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  if (!trusted('Validation curve')) return undefined;
  const param = await vscode.window.showInputBox({ prompt: 'Config path of the hyper-parameter to sweep', value: 'training.learningRate' });
  if (!param) return undefined;
  const values = await vscode.window.showInputBox({ prompt: `Values of ${param}, comma-separated`, value: '0.0003,0.001,0.003,0.01' });
  if (!values) return undefined;
  return runAnalysis(ctx, argument, 'Validation curve', ['curve', 'validation'], ['--param', param, '--values', values, ...jobsArguments()]);
}

export async function calibrate(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  return runAnalysis(ctx, argument, 'Calibration', ['calibrate'], jobsArguments());
}

export async function ensemble(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  return runAnalysis(ctx, argument, 'Ensemble', ['ensemble'], jobsArguments());
}

export async function exploreData(ctx: CommandContext, argument?: unknown): Promise<unknown> {
  return runAnalysis(ctx, argument, 'Explore data', ['explore']);
}
