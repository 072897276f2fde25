import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConfig } from '../core/config/parse';
import { verdictsOf } from '../core/report/verdictsOf';
import { runsOf } from './runStoreView';
import { resolveSearch } from '../core/config/resolveSearch';

/** Lenses above a config: Train, Run search (with its size), and the best result so far. */
export class ConfigLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: 'Train', command: 'hepml.train', arguments: [document.uri] })];
    const parsed = parseConfig(document.getText());
    const search = parsed.config?.search;
    if (search) {
      const { nCalls: n, cv: k } = resolveSearch(search);
      lenses.push(new vscode.CodeLens(top, { title: `Run search: ${n} candidates x ${k} folds = ${n * k} fits`, command: 'hepml.runSearch', arguments: [document.uri] }));
    }
    const workspace = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    const runs = runsOf(workspace, document.uri.fsPath);
    const best = runs.filter((r) => r.record.status === 'completed' && r.record.metrics).sort((a, b) => b.record.metrics!.auc - a.record.metrics!.auc)[0];
    if (best) {
      // A search's metrics are its refit's, on the test events; its trials' scores are CV means.
      const what = best.record.kind === 'search' ? `search ${best.run.id}, refit of the best CV trial` : `${best.record.kind} ${best.run.id}`;
      lenses.push(new vscode.CodeLens(top, { title: `best test AUC ${best.record.metrics!.auc.toFixed(3)} (${what})`, command: 'hepml.openDiagnostics', arguments: [best.run.dir] }));
    }
    const latest = runs.find((r) => r.record.status === 'completed');
    for (const verdict of latest ? verdictsOf(latest.run.dir) : []) {
      lenses.push(new vscode.CodeLens(top, { title: `\u26a0 ${verdict.badge} (latest run ${latest!.run.id})`, tooltip: verdict.message, command: 'hepml.openDiagnostics', arguments: [latest!.run.dir] }));
    }
    return lenses;
  }
}
