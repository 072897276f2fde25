import { fork } from 'node:child_process';
import * as vscode from 'vscode';
import { parseWorkerEvent } from '../core/protocol/workerMessages';
import type { TrainSummary } from '../shared/run';
import { lowerPriority } from '../core/util/trainingProcess';
import { trackProcess } from './orphans';
import { childEnvironment } from './settings';

/** The trainings this window runs, by config file: Stop cancels them, a second Train asks first. */
const running = new Map<string, { cancel: () => void }>();

export function isTraining(configFile: string): boolean {
  return running.has(configFile);
}

/** Cancels every training of this window (each ends its epoch's step and is kept as cancelled); how many. */
export function stopTrainings(): number {
  running.forEach((training) => training.cancel());
  return running.size;
}

/** Trains a config in a worker child process, with progress and cancellation in the UI. */
export function trainInWorker(context: vscode.ExtensionContext, configFile: string, workspace: string): Thenable<TrainSummary | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'HEP ML Lab: training', cancellable: true },
    (progress, token) =>
      new Promise<TrainSummary | undefined>((resolve) => {
        const worker = fork(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath, [], { env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
        trackProcess(worker, 'training worker');
        lowerPriority(worker.pid);
        const cancel = () => worker.connected && worker.send({ type: 'cancel' });
        const entry = { cancel };
        running.set(configFile, entry);
        let settled = false;
        const finish = (summary: TrainSummary | undefined, error?: string) => {
          if (settled) return;
          settled = true;
          if (running.get(configFile) === entry) running.delete(configFile);
          if (error) void vscode.window.showErrorMessage(`HEP ML Lab: ${error}`);
          worker.kill();
          resolve(summary);
        };
        token.onCancellationRequested(cancel);
        worker.on('message', (raw) => {
          const event = parseWorkerEvent(raw);
          if (!event) return;
          switch (event.type) {
            case 'ready':
              worker.send({ type: 'train', configFile, workspace });
              break;
            case 'epoch':
              progress.report({ message: `epoch ${event.record.epoch}/${event.epochs}, val AUC ${event.record.val_auc?.toFixed(4) ?? '-'}`, increment: 100 / event.epochs });
              break;
            case 'done':
              void vscode.window.showInformationMessage(`HEP ML Lab: test AUC ${event.summary.metrics.auc.toFixed(4)} (${event.summary.runDir})`);
              finish(event.summary);
              break;
            case 'failed':
              if (event.cancelled) void vscode.window.showInformationMessage(`HEP ML Lab: ${event.message}`);
              finish(undefined, event.cancelled ? undefined : event.message);
              break;
          }
        });
        worker.on('exit', (code) => finish(undefined, code === 0 ? undefined : `the training worker stopped (exit code ${code})`));
      }),
  );
}
