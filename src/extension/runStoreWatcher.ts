import * as vscode from 'vscode';
import { runsDirectory } from '../core/store/runStore';
import { runsFolder } from './settings';

/**
 * Watches files of the runs in every workspace folder's run store (which the runs folder setting
 * may move outside the workspace), following changes of the setting and of the folders.
 * `files` is a glob below a run's folder, e.g. `{run.json,trials.json}`; `changed` gets no uri
 * when the store itself moved.
 */
export function watchRunStores(files: string, changed: (uri?: vscode.Uri) => void): vscode.Disposable {
  let watchers: vscode.FileSystemWatcher[] = [];
  const start = () => {
    watchers.forEach((w) => w.dispose());
    watchers = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const root = vscode.Uri.file(runsDirectory(folder.uri.fsPath, runsFolder()));
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, `*/${files}`));
      watcher.onDidCreate((uri) => changed(uri));
      watcher.onDidChange((uri) => changed(uri));
      watcher.onDidDelete((uri) => changed(uri));
      return watcher;
    });
  };
  start();
  // The store moved or a folder came or went: what is shown comes from elsewhere now.
  const restart = () => {
    start();
    changed();
  };
  const listeners = [
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('hepml.runsFolder') && restart()),
    vscode.workspace.onDidChangeWorkspaceFolders(restart),
  ];
  return { dispose: () => [...watchers, ...listeners].forEach((d) => d.dispose()) };
}
