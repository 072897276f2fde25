import * as vscode from 'vscode';
import { trainingEnvironment } from '../core/util/trainingProcess';

/** The runs folder setting (absolute, or relative to each workspace folder); undefined: the default, .hepml/runs. */
export function runsFolder(): string | undefined {
  return vscode.workspace.getConfiguration('hepml').get<string>('runsFolder')?.trim() || undefined;
}

/** The environment of the processes the extension starts: settings become HEPML_BACKEND and HEPML_RUNS_DIR; malloc tuned for training. */
export function childEnvironment(): NodeJS.ProcessEnv {
  const backend = vscode.workspace.getConfiguration('hepml').get<string>('backend', 'auto');
  const folder = runsFolder();
  return trainingEnvironment({ ...process.env, ...(backend === 'auto' ? {} : { HEPML_BACKEND: backend }), ...(folder ? { HEPML_RUNS_DIR: folder } : {}) });
}

/** `--jobs N` from the maxWorkers setting (nothing when 0: every core). */
export function jobsArguments(): string[] {
  const workers = vscode.workspace.getConfiguration('hepml').get<number>('maxWorkers', 0);
  return Number.isInteger(workers) && workers > 0 ? ['--jobs', String(workers)] : [];
}
