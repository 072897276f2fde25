import * as vscode from 'vscode';

/** The environment of the processes the extension starts: the backend setting becomes HEPML_BACKEND. */
export function childEnvironment(): NodeJS.ProcessEnv {
  const backend = vscode.workspace.getConfiguration('hepml').get<string>('backend', 'auto');
  return backend === 'auto' ? process.env : { ...process.env, HEPML_BACKEND: backend };
}

/** `--jobs N` from the maxWorkers setting (nothing when 0: every core). */
export function jobsArguments(): string[] {
  const workers = vscode.workspace.getConfiguration('hepml').get<number>('maxWorkers', 0);
  return Number.isInteger(workers) && workers > 0 ? ['--jobs', String(workers)] : [];
}
