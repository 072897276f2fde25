import * as vscode from 'vscode';
import * as experiment from './experimentCommands';
import * as search from './searchCommands';
import * as analysis from './analysisCommands';
import * as runs from './runsCommands';
import * as apply from './applyCommands';
import type { CommandContext } from './commandContext';

export type { CommandContext } from './commandContext';

const PREFIX = 'hepml.';

/** Every command, one line each: `hepml.<name>` runs the body with the context and the command's arguments. */
const COMMANDS: Record<string, (ctx: CommandContext, ...args: unknown[]) => unknown> = {
  newExperiment: experiment.newExperiment,
  train: experiment.train,
  runSearch: search.runSearch,
  resume: search.resume,
  stop: search.stop,
  openDiagnostics: runs.openDiagnostics,
  applyBestParameters: experiment.applyBestParameters,
  trainWithParameters: experiment.trainWithParameters,
  learningCurve: analysis.learningCurve,
  validationCurve: analysis.validationCurve,
  calibrate: analysis.calibrate,
  ensemble: analysis.ensemble,
  exploreData: analysis.exploreData,
  compareRuns: runs.compareRuns,
  openReport: runs.openReport,
  showExperiments: runs.showExperiments,
  revealConfig: runs.revealConfig,
  deleteRun: runs.deleteRun,
  refreshExperiments: runs.refreshExperiments,
  scoreWithModel: apply.scoreWithModel,
  applyToFiles: apply.applyToFiles,
};

/** Registers the table; the `hepml.` prefix is added here only. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  // Reflect.apply: the arguments VS Code passes (a few) go after the context.
  return Object.entries(COMMANDS).map(([name, body]) => vscode.commands.registerCommand(PREFIX + name, (...args: unknown[]) => Reflect.apply(body, undefined, [ctx, ...args])));
}
