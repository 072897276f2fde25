import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { markInterruptedRuns } from '../core/store/interruptedRuns';
import { ProcessRegistry, reapOrphans } from '../core/store/processRegistry';
import { runsFolder } from './settings';

// Every process this extension host starts is recorded (pid and start time) under the
// extension's global storage, so that after a crash or kill of the host the next activation,
// in any window, stops what it left running and marks those runs interrupted.

let directory: string | undefined;
let registry: ProcessRegistry | undefined;

export function startProcessTracking(context: vscode.ExtensionContext): void {
  directory = path.join(context.globalStorageUri.fsPath, 'processes');
  registry = new ProcessRegistry(directory);
}

/** Where the records of started processes live (for tests). */
export function processDirectory(): string | undefined {
  return directory;
}

export function trackProcess(child: ChildProcess, command: string): void {
  const pid = child.pid;
  if (!registry || pid === undefined) return;
  registry.add(pid, command);
  child.once('exit', () => registry?.remove(pid));
}

export interface OrphanReport {
  /** Processes of dead extension hosts that were stopped. */
  reaped: number[];
  /** Runs marked interrupted (their process was reaped or is gone). */
  interrupted: string[];
}

/** Stops the processes dead hosts left behind and marks their runs interrupted; tells the user when there were any. */
export async function stopOrphans(): Promise<OrphanReport> {
  const reaped = directory ? (await reapOrphans(directory)).map((p) => p.pid) : [];
  // Run records are the workspace's files: only touched where the user trusts the workspace.
  const folders = vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []) : [];
  const interrupted = folders.flatMap((folder) => markInterruptedRuns(folder.uri.fsPath, reaped, runsFolder())).map((record) => record.id);
  if (reaped.length > 0 || interrupted.length > 0) {
    const what = reaped.length > 0 ? `stopped ${reaped.length} process(es) left running by a closed window` : 'found runs whose process is gone';
    void vscode.window.showWarningMessage(`HEP ML Lab: ${what}; ${interrupted.length} run(s) marked interrupted. Resume a search from its config's Resume Search.`);
  }
  return { reaped, interrupted };
}
