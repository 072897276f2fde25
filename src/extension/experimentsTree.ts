import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterJob, TrialRecord } from '../shared/search';
import { trialDirectory } from '../core/execution/trialFolder';
import { trialCollapsed } from '../core/verdicts/runVerdicts';
import { verdictsOf } from '../core/report/verdictsOf';
import { jobsOf, runsOf, scoringOf, trialsOf, type RunSummary } from './runStoreView';
import { watchRunStores } from './runStoreWatcher';

/** A row of the Experiments tree; commands run from its context menu get it as their argument. */
export type ExperimentNode =
  | { kind: 'config'; uri: vscode.Uri; workspace: string }
  | { kind: 'run'; summary: RunSummary; workspace: string }
  | { kind: 'trial'; trial: TrialRecord; summary: RunSummary; scoring: string; job?: ClusterJob }
  | { kind: 'job'; job: ClusterJob; summary: RunSummary };

const REFRESH_DELAY_MS = 300;
const STATUS_ICONS: Record<string, string> = { running: 'sync~spin', completed: 'pass', failed: 'error', cancelled: 'circle-slash', interrupted: 'debug-disconnect', pruned: 'dash' };
// SLURM's job states (and the driver's verdicts) as icons.
const JOB_ICONS: Record<string, string> = { PENDING: 'watch', RUNNING: 'sync~spin', FINISHING: 'sync~spin', PRUNING: 'sync~spin', DONE: 'pass', PRUNED: 'dash', RETRY: 'debug-restart', CANCELLED: 'circle-slash', FAILED: 'error' };

function score(summary: RunSummary): string {
  const auc = summary.record.metrics?.auc;
  return auc === undefined ? summary.record.status : `${summary.record.status}, AUC ${auc.toFixed(4)}`;
}

/** The "Experiments" view: config files -> runs -> trials, each opening its diagnostics. */
export class ExperimentsTree implements vscode.TreeDataProvider<ExperimentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExperimentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly configWatcher = vscode.workspace.createFileSystemWatcher('**/*.hepml.json');
  private readonly storeWatcher = watchRunStores('{run.json,trials.json,jobs.json}', () => this.refreshSoon());
  private pending?: NodeJS.Timeout;

  constructor() {
    const refresh = () => this.refreshSoon();
    this.configWatcher.onDidCreate(refresh);
    this.configWatcher.onDidChange(refresh);
    this.configWatcher.onDidDelete(refresh);
  }

  refresh(): void {
    clearTimeout(this.pending);
    this.changed.fire(undefined);
  }

  /**
   * A burst of file events (a run rewrites run.json, trials.json and jobs.json together) redraws
   * the tree once: each redraw replaces its items' commands, and a click landing mid-redraw is lost.
   */
  private refreshSoon(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  async getChildren(node?: ExperimentNode): Promise<ExperimentNode[]> {
    if (!node) {
      const files = await vscode.workspace.findFiles('**/*.hepml.json', '**/{node_modules,.hepml}/**');
      return files
        .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
        .map((uri) => ({ kind: 'config', uri, workspace: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath) }));
    }
    if (node.kind === 'config') return runsOf(node.workspace, node.uri.fsPath).map((summary) => ({ kind: 'run', summary, workspace: node.workspace }));
    if (node.kind === 'run') {
      const jobs = jobsOf(node.summary.run);
      const trials = trialsOf(node.summary.run);
      const scoring = scoringOf(node.summary.run);
      // Finished trials (each naming its batch job, if any), then the jobs of trials still under way.
      const finished = new Set(trials.map((t) => t.trial));
      return [
        ...trials.map((trial): ExperimentNode => ({ kind: 'trial', trial, summary: node.summary, scoring, job: jobs.find((j) => j.trial === trial.trial) })),
        ...jobs.filter((job) => !finished.has(job.trial)).map((job): ExperimentNode => ({ kind: 'job', job, summary: node.summary })),
      ];
    }
    return [];
  }

  getTreeItem(node: ExperimentNode): vscode.TreeItem {
    if (node.kind === 'config') {
      const item = new vscode.TreeItem(path.basename(node.uri.fsPath), vscode.TreeItemCollapsibleState.Collapsed);
      item.resourceUri = node.uri;
      item.description = path.relative(node.workspace, path.dirname(node.uri.fsPath)) || undefined;
      item.contextValue = 'hepmlConfig';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
      return item;
    }
    if (node.kind === 'run') {
      const { record, run } = node.summary;
      const hasTrials = record.kind === 'search';
      // The id's date and time only (the config is the parent row): the AUC after it stays in view.
      const item = new vscode.TreeItem(`${record.kind} ${run.id.slice(0, 15)}`, hasTrials ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      const verdicts = verdictsOf(run.dir);
      const badges = verdicts.map((v) => `\u26a0 ${v.badge}, `).join('');
      item.description = `${badges}${score(node.summary)}${record.seconds !== undefined ? `, ${record.seconds.toFixed(0)}s` : ''}`;
      item.iconPath = verdicts.length > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(STATUS_ICONS[record.status] ?? 'circle-outline');
      item.tooltip = record.error ?? [`${record.kind} ${run.id}`, run.dir, ...verdicts.map((v) => v.message)].join('\n\n');
      item.contextValue = `hepmlRun-${record.status}`;
      item.command = { command: 'hepml.openDiagnostics', title: 'Open Diagnostics', arguments: [run.dir] };
      return item;
    }
    if (node.kind === 'job') {
      const { job } = node;
      const item = new vscode.TreeItem(`trial ${job.trial + 1}`, vscode.TreeItemCollapsibleState.None);
      item.description = `job ${job.job ?? '-'}: ${job.state}, ${job.folds}/${job.k} folds${job.attempts > 1 ? `, attempt ${job.attempts}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(JOB_ICONS[job.state] ?? 'warning');
      item.tooltip = `SLURM job ${job.job ?? '(not submitted)'}; output in ${path.join(node.summary.run.dir, 'slurm')}`;
      item.contextValue = 'hepmlJob';
      return item;
    }
    const { trial } = node;
    const item = new vscode.TreeItem(`trial ${trial.trial + 1}`, vscode.TreeItemCollapsibleState.None);
    const params = Object.entries(trial.params).map(([k, v]) => `${k.split('.').pop()}=${v}`).join(', ');
    const collapsed = trialCollapsed(trial, node.scoring) ? '\u26a0 collapsed, ' : '';
    const infeasible = trial.violations?.length ? `infeasible (${trial.violations.join('; ')}), ` : '';
    const outcome = trial.pruned ? `pruned at fold ${trial.pruned.fold + 1}, epoch ${trial.pruned.epoch}` : trial.score === undefined ? trial.status : `${infeasible}CV ${trial.score.toFixed(4)}`;
    item.description = `${collapsed}${outcome} (${params}), ${trial.seconds.toFixed(0)}s${node.job?.job ? `, job ${node.job.job}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(infeasible ? 'warning' : (STATUS_ICONS[trial.status] ?? 'circle-outline'));
    item.tooltip = trial.reason ?? trial.violations?.join('\n');
    item.command = { command: 'hepml.openDiagnostics', title: 'Open Diagnostics', arguments: [trialDirectory(node.summary.run.dir, trial.trial)] };
    return item;
  }

  dispose(): void {
    this.configWatcher.dispose();
    clearTimeout(this.pending);
    this.storeWatcher.dispose();
    this.changed.dispose();
  }
}
