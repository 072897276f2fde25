import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';
import { compareSpecs } from '../core/report/compareSpecs';
import { runSpecs } from '../core/report/runSpecs';
import { trialConfig } from '../core/report/trialsTable';
import { parseTrialDirectory, trialSpecs } from '../core/report/trialSpecs';
import { trialDirectory } from '../core/execution/trialFolder';
import type { NamedSpec } from '../core/report/specs';
import { parseWebviewMessage } from '../core/protocol/webviewMessages';
import type { TextTable, TrialsTable, WebviewToHost } from '../shared/webviewProtocol';
import { runsOf } from './runStoreView';
import { watchRunStores } from './runStoreWatcher';
import { verdictsOf } from '../core/report/verdictsOf';
import { bestTrialCard } from '../core/report/bestTrial';
import { RunDirectory } from '../core/store/runStore';
import { REFIT_FOLDER, RUN } from '../core/store/runLayout';

const REDRAW_DELAY_MS = 100;
/** File watchers can miss a rename (remote file systems, code-server): the shown run is also polled. */
const POLL_MS = 250;
/** The files of a run whose change redraws its dashboard. */
const LIVE_FILES = [...[RUN.record, RUN.history, RUN.trials, RUN.jobs, RUN.diagnostics].map((file) => file.name), `${REFIT_FOLDER}/${RUN.diagnostics.name}`];

/** HEPML_TRACE_DASHBOARD=1: when files change, plots are sent and drawn (the host's console). */
function trace(what: string): void {
  if (process.env.HEPML_TRACE_DASHBOARD) console.log(`dashboard ${Date.now() % 100000} ${what}`);
}

type Rendered = { plots: number; errors: string[]; rows?: Record<string, number>; tables?: string[] };

/** Host half of a run's dashboard (browser half: webview/dashboard.ts). */
export class DashboardPanel {
  static readonly viewType = 'hepml.dashboard';
  private static readonly open = new Map<string, DashboardPanel>();
  /** What the webview last reported drawing (tests and the UI test read it). */
  lastRendered?: Rendered;
  /** The rows each live plot held when last drawn (told as each is drawn, before the page ends). */
  liveRows: Record<string, number> = {};
  private watchers: vscode.Disposable[] = [];
  private redraw?: NodeJS.Timeout;
  /** The search trial shown, if any: parsed when the source is set, as every store event reads it. */
  private shownTrial?: { runDir: string; trial: number };
  private readonly renderedWaiters: ((r: Rendered) => void)[] = [];
  private poll?: NodeJS.Timeout;
  /** The last message sent to the page. */
  private lastSent = '';
  private polledStamp = '';

  /** A run's (or a search trial's) dashboard; a new panel opens in `column`, beside the editor by default. */
  static show(context: vscode.ExtensionContext, runDir: string, column = vscode.ViewColumn.Beside): DashboardPanel {
    return DashboardPanel.showSource(context, [runDir], column);
  }

  /** Several runs side by side (Compare Runs). */
  static showComparison(context: vscode.ExtensionContext, runDirs: string[]): DashboardPanel {
    return DashboardPanel.showSource(context, runDirs);
  }

  /** A panel VS Code restores after a window reload, from the state its webview kept. */
  static revive(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, state: unknown): void {
    const source = (state as { source?: unknown } | undefined)?.source;
    // The state comes from the webview: only run folders of this machine's stores are accepted.
    const valid = Array.isArray(source) && source.length > 0 && source.every((item) => typeof item === 'string' && path.isAbsolute(item) && (fs.existsSync(path.join(item, RUN.record.name)) || parseTrialDirectory(item) !== undefined || (item.endsWith('.hepml.json') && fs.existsSync(item))));
    if (!valid) {
      panel.dispose();
      return;
    }
    DashboardPanel.open.set(source.join('|'), new DashboardPanel(context, source as string[], panel));
  }

  /**
   * The panel beside the editor that follows a config: it shows the config's latest run, redrawn
   * as the run writes its files, and moves to another config when that one becomes the active editor.
   */
  static follow(context: vscode.ExtensionContext, configFile: string): DashboardPanel {
    const following = [...DashboardPanel.open.values()].find((panel) => panel.followsConfig);
    if (!following) return DashboardPanel.showSource(context, [configFile]);
    following.retarget([configFile]);
    return following;
  }

  /** Redraws every open dashboard (after a command of this window changed the run store). */
  static redrawAll(): void {
    DashboardPanel.open.forEach((panel) => panel.send());
  }

  /** Moves a following panel to the config now in the editor, if any panel follows. */
  static followEditor(editor: vscode.TextEditor | undefined): void {
    const file = editor?.document.uri.fsPath;
    if (!file?.endsWith('.hepml.json') || editor?.document.uri.scheme !== 'file') return;
    [...DashboardPanel.open.values()].find((panel) => panel.followsConfig && panel.source[0] !== file)?.retarget([file]);
  }

  private static showSource(context: vscode.ExtensionContext, source: string[], column = vscode.ViewColumn.Beside): DashboardPanel {
    const key = source.join('|');
    const existing = DashboardPanel.open.get(key);
    if (existing) {
      // Where the user left it: a panel moved beside the active group each time would open a new column.
      existing.panel.reveal(undefined);
      existing.send();
      return existing;
    }
    const panel = new DashboardPanel(context, source, undefined, column);
    DashboardPanel.open.set(key, panel);
    return panel;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private source: string[],
    restored?: vscode.WebviewPanel,
    column = vscode.ViewColumn.Beside,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const options = { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true };
    this.panel = restored ?? vscode.window.createWebviewPanel(DashboardPanel.viewType, 'HEP ML dashboard', { viewColumn: column, preserveFocus: true }, options);
    if (restored) restored.webview.options = options;
    this.shownTrial = source.length === 1 ? parseTrialDirectory(source[0]) : undefined;
    this.panel.webview.html = this.html(media);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        console.warn('hepml: ignored a malformed message from a dashboard');
        return;
      }
      if (message.type === 'ready') this.send(true);
      else if (message.type === 'export') void this.export(message);
      else if (message.type === 'openTrial') this.openTrial(message.trial);
      else if (message.type === 'openTrialConfig') void this.openTrialConfig(message.trial);
      else if (message.type === 'applyBest' || message.type === 'trainBest') void this.useBest(message.type);
      else if (message.type === 'drawn') this.liveRows = { ...this.liveRows, ...message.rows };
      else {
        trace('rendered');
        this.lastRendered = { plots: message.plots, errors: message.errors, ...(message.rows ? { rows: message.rows } : {}), ...(message.tables ? { tables: message.tables } : {}) };
        this.renderedWaiters.splice(0).forEach((resolve) => resolve(this.lastRendered!));
      }
    });
    this.watch();
    this.panel.onDidDispose(() => {
      DashboardPanel.open.delete(this.source.join('|'));
      this.watchers.forEach((w) => w.dispose());
    });
  }

  private get followsConfig(): boolean {
    return this.source.length === 1 && this.source[0].endsWith('.hepml.json');
  }

  private retarget(source: string[]): void {
    DashboardPanel.open.delete(this.source.join('|'));
    this.source = source;
    this.shownTrial = source.length === 1 ? parseTrialDirectory(source[0]) : undefined;
    DashboardPanel.open.set(source.join('|'), this);
    this.watch();
    this.send();
  }

  /** Redraws when the shown runs write their files (a running search ends trials, a run finishes). */
  private watch(): void {
    this.watchers.forEach((w) => w.dispose());
    // The workspace's run stores (as the tree watches them), filtered to what is shown.
    const changed = (uri?: vscode.Uri) => {
      // A trial's panel redraws as its search run writes trials.json; a following panel, as a run of its config changes.
      const relevant = this.followsConfig ? uri === undefined || this.isRunOfFollowedConfig(uri) : uri !== undefined && this.source.some((dir) => uri.fsPath.startsWith((this.shownTrial?.runDir ?? dir) + path.sep));
      // A deleted run's own panel keeps what it drew; a following panel moves to the run now latest.
      if (!relevant || (uri && !this.followsConfig && !fs.existsSync(uri.fsPath))) return;
      trace(`watch ${uri?.fsPath ?? ''}`);
      clearTimeout(this.redraw);
      this.redraw = setTimeout(() => this.send(), REDRAW_DELAY_MS);
    };
    this.watchers = [watchRunStores(`{${LIVE_FILES.join(',')}}`, changed)];
    clearInterval(this.poll);
    this.poll = setInterval(() => this.pollShownRun(), POLL_MS);
    this.watchers.push({ dispose: () => clearInterval(this.poll) });
  }

  /** Whether a changed file belongs to a run of the config this panel follows (its run.json says). */
  private isRunOfFollowedConfig(uri: vscode.Uri): boolean {
    const runDir = path.basename(uri.fsPath) === RUN.diagnostics.name && path.basename(path.dirname(uri.fsPath)) === REFIT_FOLDER ? path.dirname(path.dirname(uri.fsPath)) : path.dirname(uri.fsPath);
    try {
      return path.resolve(new RunDirectory(runDir).readRecord().configFile) === path.resolve(this.source[0]);
    } catch {
      // A run being written or deleted: the latest run may have changed.
      return true;
    }
  }

  /** Sizes and times of the shown run's files: what the poll compares. */
  private shownRunStamp(): string | undefined {
    const dir = this.shownRunDirectory();
    if (!dir) return undefined;
    return LIVE_FILES.map((file) => {
      try {
        const stat = fs.statSync(path.join(dir, file));
        return `${stat.mtimeMs}:${stat.size}`;
      } catch {
        return '-';
      }
    }).join('|');
  }

  /** Redraws when the files of the run shown changed since they were last sent. */
  private pollShownRun(): void {
    const stamp = this.shownRunStamp();
    if (stamp === undefined || stamp === this.polledStamp) return;
    trace('poll saw a change');
    this.send();
  }

  /** The one run folder shown (a following panel's latest run), if one is. */
  private shownRunDirectory(): string | undefined {
    if (this.source.length !== 1) return undefined;
    if (this.shownTrial) return this.shownTrial.runDir;
    if (!this.followsConfig) return this.source[0];
    const file = this.source[0];
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
    return runsOf(folder, file)[0]?.run.dir;
  }

  get title(): string {
    return this.panel.title;
  }

  /** The page and options the webview was given (the integration tests check its CSP). */
  get webview(): { html: string; options: vscode.WebviewOptions } {
    return { html: this.panel.webview.html, options: this.panel.webview.options };
  }

  /** Resolves when the webview next reports what it drew. */
  whenRendered(): Promise<Rendered> {
    return new Promise((resolve) => this.renderedWaiters.push(resolve));
  }

  /** (Re)sends the run's plots, e.g. when a running search writes new trials. */
  send(force = false): void {
    trace(`send ${this.source.join(',')}`);
    // What is sent now is what the poll compares with (no second send for the same files).
    this.polledStamp = this.shownRunStamp() ?? '';
    try {
      const { title, subtitle, specs, table, tables } = this.plots();
      const trial = this.shownTrial?.trial;
      this.panel.title = title;
      const shown = trial === undefined ? this.shownRunDirectory() : undefined;
      const verdicts = shown ? verdictsOf(shown).map(({ badge, message }) => ({ badge, message })) : [];
      const best = shown ? bestTrialCard(shown) : undefined;
      const message = { type: 'show', title, specs, source: this.source, ...(subtitle ? { subtitle } : {}), ...(verdicts.length > 0 ? { verdicts } : {}), ...(best ? { best } : {}), ...(tables?.length ? { tables } : {}), ...(table ? { table } : {}), ...(trial === undefined ? {} : { trial }) };
      // A run rewrites files that change nothing drawn (run.json's heartbeat): the page is left as it is.
      const text = JSON.stringify(message);
      if (text === this.lastSent && !force) return;
      this.lastSent = text;
      void this.panel.webview.postMessage(message);
    } catch (error) {
      void vscode.window.showErrorMessage(`HEP ML Lab: cannot read ${this.source.join(', ')}: ${(error as Error).message}`);
    }
  }

  private plots(): { title: string; subtitle?: string; specs: NamedSpec[]; table?: TrialsTable; tables?: TextTable[] } {
    if (this.followsConfig) {
      const file = this.source[0];
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
      const latest = runsOf(folder, file)[0];
      if (!latest) return { title: `${path.basename(file)}: no run yet (Train or Run Search it)`, specs: [] };
      const shown = runSpecs(latest.run.dir);
      return { ...shown, title: `${path.basename(file)}, latest run: ${shown.title}` };
    }
    if (this.source.length > 1) return compareSpecs(this.source);
    const trial = this.shownTrial;
    return trial ? trialSpecs(trial.runDir, trial.trial) : runSpecs(this.source[0]);
  }

  /** The search run shown (or whose trial is shown), if any. */
  private searchRun(): string | undefined {
    let dir: string | undefined = this.source.length === 1 ? (this.shownTrial?.runDir ?? this.source[0]) : undefined;
    if (dir && this.followsConfig) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir))?.uri.fsPath ?? path.dirname(dir);
      dir = runsOf(folder, dir)[0]?.run.dir;
    }
    return dir && fs.existsSync(path.join(dir, RUN.journal.name)) ? dir : undefined;
  }

  /** The best-trial card's buttons: into the config it searched (a previewed edit), or a trained copy. */
  private async useBest(action: 'applyBest' | 'trainBest'): Promise<void> {
    const dir = this.searchRun();
    const best = dir ? bestTrialCard(dir) : undefined;
    if (!dir || !best) return;
    const configFile = vscode.Uri.file(new RunDirectory(dir).readRecord().configFile);
    if (action === 'applyBest') {
      await vscode.window.showTextDocument(configFile, { viewColumn: vscode.ViewColumn.One, preview: false });
      await vscode.commands.executeCommand('hepml.applyBestParameters', configFile);
    } else await vscode.commands.executeCommand('hepml.trainWithParameters', configFile, best.params);
  }

  /** A clicked trial (a table row, a point of a plot): its own dashboard. */
  private openTrial(trial: number): void {
    const dir = this.searchRun();
    // In the dashboard's own column, as a tab beside it.
    if (dir) DashboardPanel.show(this.context, trialDirectory(dir, trial), this.panel.viewColumn ?? vscode.ViewColumn.Beside);
  }

  /** Opens the config a trial trained, as an unsaved JSON document beside the dashboard. */
  private async openTrialConfig(trial: number): Promise<void> {
    const dir = this.searchRun();
    const config = dir ? trialConfig(dir, trial) : undefined;
    if (!config) return;
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(config, null, 2) + '\n' });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: true });
  }

  /** Saves a plot the webview exported where the user chooses (the webview names no path). */
  private async export(message: Extract<WebviewToHost, { type: 'export' }>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(path.dirname(this.source[0]));
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, `${message.id}.${message.format}`), filters: { [message.format.toUpperCase()]: [message.format] } });
    if (!target) return;
    const bytes = message.format === 'svg' ? Buffer.from(message.data, 'utf8') : Buffer.from(message.data.slice(message.data.indexOf(',') + 1), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`HEP ML Lab: saved ${target.fsPath}`);
  }

  private html(media: vscode.Uri): string {
    const { cspSource } = this.panel.webview;
    return webviewPage(this.panel.webview, vscode.Uri.joinPath(media, 'dashboard.js'), {
      title: 'HEP ML dashboard',
      extraCsp: [`img-src ${cspSource} data:`, `font-src ${cspSource}`],
      style: 'body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); } .plot { padding: 8px; } .plot svg { max-width: 100%; height: auto; } .tools { margin-bottom: 16px; } .tool { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 2px 8px; margin-right: 6px; cursor: pointer; } .verdict { color: var(--vscode-foreground); background: var(--vscode-inputValidation-warningBackground); border: 1px solid var(--vscode-inputValidation-warningBorder); padding: 4px 8px; margin: 4px 0; } .verdict b { margin-right: 6px; } .best { border: 1px solid var(--vscode-focusBorder); padding: 6px 8px; margin: 6px 0; } .best .tools { margin: 6px 0 0 0; } #plots { max-width: 100%; overflow-x: auto; } table.text { border-collapse: collapse; font-size: 12px; margin-bottom: 8px; display: block; max-width: 100%; overflow-x: auto; } table.text th, table.text td { text-align: left; padding: 2px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); } table.trials th { cursor: pointer; } table.trials tbody tr { cursor: pointer; } table.trials tbody tr:nth-child(even) { background: var(--vscode-keybindingTable-rowsBackground, #8881); } table.trials tbody tr:hover { background: var(--vscode-list-hoverBackground); }',
      body: '<h1 id="title"></h1>\n<p id="subtitle"></p>\n<div id="verdicts"></div>\n<div id="plots"></div>',
    });
  }
}
