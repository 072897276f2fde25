import * as path from 'node:path';
import * as vscode from 'vscode';
import { dataProblems } from '../core/config/dataCheck';
import { parseConfig } from '../core/config/parse';
import type { Problem, ProblemLocator } from '../core/config/problems';
import type { HepmlConfig } from '../shared/config';
import { verdictsOf } from '../core/report/verdictsOf';
import { RunDirectory } from '../core/store/runStore';
import { runsOf } from './runStoreView';
import { watchRunStores } from './runStoreWatcher';
import { RUN } from '../core/store/runLayout';

export const CONFIG_PATTERN = /\.hepml\.json$/;
const DATA_CHECK_DELAY_MS = 300;
const RUN_CHANGE_DELAY_MS = 500;

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = 'hepml';
  if (problem.code) diagnostic.code = problem.code;
  return diagnostic;
}

/** The config file of a run folder, or undefined when its run.json cannot be read. */
function configOfRun(runDir: string): string | undefined {
  try {
    return new RunDirectory(runDir).readRecord().configFile;
  } catch {
    return undefined;
  }
}

function workspaceOf(document: vscode.TextDocument): string {
  return vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
}

/** The verdicts on the config's latest finished run (overtrained, collapsed trials), at their place in the config. */
function verdictProblems(document: vscode.TextDocument, config: HepmlConfig, locate: ProblemLocator): Problem[] {
  if (document.uri.scheme !== 'file') return [];
  const latest = runsOf(workspaceOf(document), document.uri.fsPath).find((r) => r.record.status === 'completed');
  if (!latest) return [];
  return verdictsOf(latest.run.dir, config).map((v) => ({ ...locate.at(v.pointer, v.message, { severity: 'warning', key: true }), code: v.kind, ...(v.fixes.length > 0 ? { fixes: v.fixes } : {}) }));
}

/**
 * Checks `*.hepml.json` documents as the user types: the schema and consistency at once, then
 * (after a short pause) the checks that read the data files' headers; and the verdicts on the
 * config's latest run, redone when a run of the workspace changes.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('hepml');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly versions = new Map<string, number>();
  /** The data problems last found per document, with the document version they were found for. */
  private readonly dataFound = new Map<string, { version: number; found: Problem[] }>();
  /** The problems shown per document, whose fixes the quick-fix provider offers. */
  private readonly shown = new Map<string, { document: vscode.TextDocument; problems: Problem[] }>();
  private runWatcher?: vscode.Disposable;
  private runChange?: NodeJS.Timeout;

  check(document: vscode.TextDocument): void {
    if (!CONFIG_PATTERN.test(document.fileName)) return;
    const key = document.uri.toString();
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    const parsed = parseConfig(document.getText());
    const verdicts = parsed.config ? verdictProblems(document, parsed.config, parsed.locate) : [];
    // Checked again for a run that changed (same text): the data problems stay shown meanwhile.
    const known = this.dataFound.get(key);
    const carried = known && known.version === document.version ? known.found : [];
    this.show(document, [...parsed.problems, ...carried, ...verdicts]);
    clearTimeout(this.pending.get(key));
    if (!parsed.config || document.uri.scheme !== 'file') return;
    const config = parsed.config;
    this.pending.set(
      key,
      setTimeout(() => {
        void dataProblems(config, parsed.locate, document.uri.fsPath, { workspace: workspaceOf(document) }).then((found) => {
          // A newer edit has its own check under way: this result is stale.
          if (this.versions.get(key) !== version) return;
          this.dataFound.set(key, { version: document.version, found });
          this.show(document, [...parsed.problems, ...found, ...verdicts]);
        });
      }, DATA_CHECK_DELAY_MS),
    );
  }

  private show(document: vscode.TextDocument, problems: Problem[]): void {
    this.shown.set(document.uri.toString(), { document, problems });
    this.collection.set(document.uri, problems.map((p) => toDiagnostic(document, p)));
  }

  /** The shown problems with fixes whose range meets `range` in `document`. */
  problemsWithFixesAt(document: vscode.TextDocument, range: vscode.Range): Problem[] {
    const entry = this.shown.get(document.uri.toString());
    if (!entry || entry.document.version !== document.version) return [];
    return entry.problems.filter((p) => p.fixes && new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + p.length)).intersection(range) !== undefined);
  }

  watch(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.shown.delete(d.uri.toString());
        this.dataFound.delete(d.uri.toString());
      }),
    );
    // A run that finishes brings its verdicts to its config (only that config is checked again).
    const changedConfigs = new Set<string>();
    this.runWatcher = watchRunStores(RUN.record.name, (uri) => {
      changedConfigs.add(uri ? (configOfRun(path.dirname(uri.fsPath)) ?? '*') : '*');
      clearTimeout(this.runChange);
      this.runChange = setTimeout(() => {
        const all = changedConfigs.has('*');
        const wanted = new Set([...changedConfigs].map((file) => path.resolve(file)));
        changedConfigs.clear();
        vscode.workspace.textDocuments.filter((d) => all || wanted.has(path.resolve(d.uri.fsPath))).forEach((d) => this.check(d));
      }, RUN_CHANGE_DELAY_MS);
    });
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    clearTimeout(this.runChange);
    this.runWatcher?.dispose();
    this.collection.dispose();
  }
}
