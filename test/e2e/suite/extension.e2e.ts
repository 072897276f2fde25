// Integration tests inside a real VS Code (code-server) extension host.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { processStartTime } from '../../../src/core/store/processRegistry';
import type { HepmlApi } from '../../../src/extension/extension';
import type { TrainSummary } from '../../../src/shared/run';

const EXTENSION_ID = 'hepml-lab.hepml-lab';
const COMMANDS = ['newExperiment', 'train', 'runSearch', 'resume', 'stop', 'openDiagnostics', 'applyBestParameters', 'learningCurve', 'validationCurve', 'calibrate', 'ensemble', 'refreshExperiments', 'exploreData', 'compareRuns', 'openReport', 'deleteRun', 'revealConfig', 'scoreWithModel', 'applyToFiles', 'showExperiments', 'trainWithParameters'];

function workspaceRoot(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
}

/** Resolves with the document's hepml diagnostics once `accept` likes them. */
async function diagnosticsOf(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'hepml');
    if (accept(found)) return found;
    if (Date.now() > deadline) throw new Error(`diagnostics not as expected: ${JSON.stringify(found.map((d) => d.message))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function writeConfig(name: string, config: unknown): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(path.join(workspaceRoot(), name));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(config, null, 2) + '\n'));
  return uri;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a SLURM cluster answers here (CI starts one; HEPML_REQUIRE_SLURM=1 makes its absence a failure). */
function slurmAnswers(): boolean {
  const ok = /idle|mix|alloc/.test(spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8' }).stdout ?? '');
  if (!ok && process.env.HEPML_REQUIRE_SLURM === '1') throw new Error('no SLURM cluster answers sinfo');
  return ok;
}

function tinyConfig(features: string[]): unknown {
  return {
    name: 'tiny',
    data: { sources: [{ path: 'events.csv' }], features, label: { column: 'label', map: { s: 'signal', b: 'background' } } },
    model: { hidden: { layers: 1, units: 8 } },
    training: { epochs: 3, batchSize: 32, learningRate: 0.02 },
  };
}

export function registerExtensionTests(): void {
  suite('HEP ML Lab in a real VS Code', () => {
    let api: HepmlApi;

    suiteSetup(async () => {
      const extension = vscode.extensions.getExtension<HepmlApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
    });

    test('activates and registers every command', async () => {
      const registered = await vscode.commands.getCommands(true);
      for (const command of COMMANDS) assert.ok(registered.includes(`hepml.${command}`), `hepml.${command} registered`);
      assert.match(vscode.version, /^1\.\d+\.\d+/);
    });

    test('a broken config gets its diagnostic at the right range, as the user types', async () => {
      const uri = await writeConfig('broken.hepml.json', tinyConfig(['x1', 'x2']));
      const editor = await vscode.window.showTextDocument(uri);
      const text = editor.document.getText();
      const at = text.indexOf('"epochs"');
      await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"epochs"'.length)), '"epoch"'));
      const found = await diagnosticsOf(uri, (d) => d.some((x) => /unknown key "epoch"/.test(x.message)));
      const problem = found.find((x) => /unknown key "epoch"/.test(x.message))!;
      assert.equal(editor.document.getText(problem.range), '"epoch"');
      assert.match(problem.message, /Did you mean "epochs"\?/);
    });

    test('a misspelled feature is underlined within a second, with a quick fix to the right name', async () => {
      const uri = await writeConfig('typo.hepml.json', tinyConfig(['x1', 'nosie']));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const started = Date.now();
      const found = await diagnosticsOf(uri, (d) => d.some((x) => /feature "nosie": events\.csv has no column "nosie"/.test(x.message)), 1000);
      const elapsed = Date.now() - started;
      const problem = found.find((x) => /feature "nosie"/.test(x.message))!;
      assert.equal(document.getText(problem.range), '"nosie"');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Change to "noise"');
      assert.ok(fix?.edit, `a quick fix (found: ${actions.map((a) => a.title).join(', ')}); shown after ${elapsed} ms`);
      await vscode.workspace.applyEdit(fix.edit);
      assert.ok(document.getText().includes('"noise"'));
      await diagnosticsOf(uri, (d) => d.length === 0);
    });

    test('examples/atlas-higgs: misspelling a feature while typing shows a squiggle within a second, with a quick fix', async () => {
      const example = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'atlas-higgs');
      const folder = path.join(workspaceRoot(), 'atlas-higgs');
      fs.mkdirSync(folder, { recursive: true });
      for (const name of ['atlas.hepml.json', 'training_10k.csv']) fs.copyFileSync(path.join(example, name), path.join(folder, name));
      const uri = vscode.Uri.file(path.join(folder, 'atlas.hepml.json'));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await diagnosticsOf(uri, (d) => d.length === 0);
      // The user deletes one letter of "PRI_tau_eta": the file's headers are cached, the check is debounced.
      const at = editor.document.getText().indexOf('"PRI_tau_eta"') + '"PRI_tau_e'.length;
      const started = Date.now();
      await editor.edit((edit) => edit.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1))));
      const found = await diagnosticsOf(uri, (d) => d.some((x) => /feature "PRI_tau_ea": training_10k\.csv has no column "PRI_tau_ea"/.test(x.message)), 1000);
      const elapsed = Date.now() - started;
      const problem = found.find((x) => /feature "PRI_tau_ea"/.test(x.message))!;
      assert.equal(editor.document.getText(problem.range), '"PRI_tau_ea"');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((a) => a.title === 'Change to "PRI_tau_eta"'), `quick fixes: ${actions.map((a) => a.title).join(', ')}; squiggle after ${elapsed} ms`);
      console.log(`      atlas-higgs: squiggle ${elapsed} ms after the keystroke`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('examples/cms-single-top: a bad expression is underlined at its column, names complete inside expressions, a misspelled branch gets a quick fix', async () => {
      const example = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'cms-single-top');
      const folder = path.join(workspaceRoot(), 'cms-single-top');
      fs.mkdirSync(folder, { recursive: true });
      for (const name of fs.readdirSync(example)) fs.copyFileSync(path.join(example, name), path.join(folder, name));
      const uri = vscode.Uri.file(path.join(folder, 'single-top.hepml.json'));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await diagnosticsOf(uri, (d) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length === 0, 20_000);
      const replace = async (from: string, to: string) => {
        const at = editor.document.getText().indexOf(from);
        assert.ok(at >= 0, `the example holds ${from}`);
        await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length)), to));
      };
      // A syntax error inside a define: underlined at the column jsep names, inside the string.
      await replace('"hypot(MET_px, MET_py)"', '"hypot(MET_px, MET_py"');
      let found = await diagnosticsOf(uri, (d) => d.some((x) => /define "met": syntax error/.test(x.message)), 5000);
      let problem = found.find((x) => /define "met": syntax error/.test(x.message))!;
      assert.equal(editor.document.getText(problem.range), 'y', 'the last character of the unfinished call');
      await replace('"hypot(MET_px, MET_py"', '"hypot(MET_px, MET_pyy)"');
      found = await diagnosticsOf(uri, (d) => d.some((x) => /has no branch "MET_pyy".*Did you mean "MET_py"/.test(x.message)), 5000);
      problem = found.find((x) => /has no branch "MET_pyy"/.test(x.message))!;
      assert.equal(editor.document.getText(problem.range), 'MET_pyy', 'the misspelled name inside the expression');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Change to "MET_py"');
      assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
      await vscode.workspace.applyEdit(fix.edit);
      assert.ok(editor.document.getText().includes('"hypot(MET_px, MET_py)"'), 'the name is replaced inside the string, quotes kept');
      // Completion inside an expression string: branches of the first sample and the defines.
      const inside = editor.document.getText().indexOf('"Sum(jet_pt)"') + '"Sum('.length;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, editor.document.positionAt(inside));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const expected of ['Jet_Px', 'MET_px', 'jet_pt', 'Sum']) assert.ok(labels.includes(expected), `completes ${expected}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('Train on a tiny config completes, the tree shows the run and its dashboard draws', async () => {
      const uri = await writeConfig('train.hepml.json', tinyConfig(['x1', 'x2', 'noise']));
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      assert.ok(summary && summary.metrics.auc > 0.7, `trained: ${JSON.stringify(summary?.metrics)}`);
      assert.ok(fs.existsSync(path.join(summary.runDir, 'report.html')));
      const configs = await api.experiments.getChildren();
      const node = configs.find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
      const runs = await api.experiments.getChildren(node);
      assert.equal(runs.length, 1);
      const item = api.experiments.getTreeItem(runs[0]);
      assert.match(String(item.description), /completed, AUC 0\.\d{4}/);
      const panel = await vscode.commands.executeCommand<{ whenRendered(): Promise<{ plots: number; errors: string[] }>; lastRendered?: { plots: number; errors: string[] } }>('hepml.openDiagnostics', summary.runDir);
      const rendered = panel.lastRendered ?? (await panel.whenRendered());
      assert.deepEqual(rendered.errors, []);
      assert.ok(rendered.plots >= 5, `${rendered.plots} plots drawn in the webview`);
    });

    test('Score with Model on a data file and Apply to Files on a run write score files beside the data', async () => {
      const uri = await writeConfig('score.hepml.json', tinyConfig(['x1', 'x2', 'noise']));
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      const data = vscode.Uri.file(path.join(workspaceRoot(), 'events.csv'));
      const lines = fs.readFileSync(data.fsPath, 'utf8').trim().split('\n').length - 1;
      const scored = await vscode.commands.executeCommand<{ output: string }[]>('hepml.scoreWithModel', data, [data], summary.runDir);
      assert.ok(scored && fs.existsSync(scored[0].output), 'the score file is written');
      assert.equal(fs.readFileSync(scored[0].output, 'utf8').trim().split('\n').length - 1, lines, 'a line per event');
      fs.rmSync(scored[0].output);
      const applied = await vscode.commands.executeCommand<{ output: string }[]>('hepml.applyToFiles', summary.runDir, [data.fsPath]);
      assert.ok(applied && fs.existsSync(applied[0].output), 'Apply to Files writes it too');
    });

    test('the runs folder setting moves the run store: Train writes there and the tree reads from there', async () => {
      const uri = await writeConfig('moved.hepml.json', tinyConfig(['x1', 'x2']));
      const settings = vscode.workspace.getConfiguration('hepml');
      await settings.update('runsFolder', 'lab-runs', vscode.ConfigurationTarget.Workspace);
      try {
        const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
        assert.equal(path.dirname(summary.runDir), path.join(workspaceRoot(), 'lab-runs'));
        const node = (await api.experiments.getChildren()).find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
        const runs = await api.experiments.getChildren(node);
        assert.equal(runs.length, 1);
        assert.match(String(api.experiments.getTreeItem(runs[0]).description), /completed, AUC/);
      } finally {
        await settings.update('runsFolder', undefined, vscode.ConfigurationTarget.Workspace);
      }
      const node = (await api.experiments.getChildren()).find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
      assert.equal((await api.experiments.getChildren(node)).length, 0, 'back on .hepml/runs, which holds no run of this config');
    });

    test('a SLURM search shows its jobs in the Experiments tree, and Stop on the run cancels them', async function () {
      if (!slurmAnswers()) return this.skip();
      const uri = await writeConfig('cluster.hepml.json', {
        ...(tinyConfig(['x1', 'x2', 'noise']) as object),
        training: { epochs: 300, batchSize: 32, learningRate: 0.02, validationFraction: 0, earlyStopping: false },
        search: { method: 'random', nCalls: 4, cv: 2, randomState: 1, space: { 'training.learningRate': { type: 'real', low: 0.005, high: 0.05 } } },
        execution: { backend: 'slurm', maxConcurrentJobs: 2, pollInterval: 0.3 },
      });
      const searching = vscode.commands.executeCommand('hepml.runSearch', uri);
      const configs = await api.experiments.getChildren();
      const configNode = configs.find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
      let runNode;
      let jobItems: vscode.TreeItem[] = [];
      for (let i = 0; i < 200 && !jobItems.some((item) => /: RUNNING/.test(String(item.description))); i++) {
        await sleep(100);
        [runNode] = await api.experiments.getChildren(configNode);
        if (runNode) jobItems = (await api.experiments.getChildren(runNode)).map((n) => api.experiments.getTreeItem(n));
      }
      assert.ok(runNode, 'the run appears in the tree');
      assert.equal(api.experiments.getTreeItem(runNode).contextValue, 'hepmlRun-running');
      assert.equal(jobItems.length, 2, 'two trials are queued or running (maxConcurrentJobs)');
      for (const item of jobItems) assert.match(String(item.description), /^job \d+_\d: (PENDING|RUNNING), [0-2]\/2 folds$/);
      const said = await vscode.commands.executeCommand<string>('hepml.stop', runNode);
      assert.match(String(said), /^stopped the search \(process \d+\)/);
      assert.equal(await searching, undefined, 'the stopped search returns no summary');
      const runDir = (runNode as { summary: { run: { dir: string } } }).summary.run.dir;
      // scancel is asynchronous: a cancelled job may show as COMPLETING for a moment.
      const left = () => spawnSync('squeue', ['-h', '-r', `--name=hepml-${path.basename(runDir)}`, '-o', '%i|%T'], { encoding: 'utf8' }).stdout.trim();
      for (let i = 0; i < 100 && left() !== ''; i++) await sleep(100);
      assert.equal(left(), '', 'no job of the run is left queued or running');
      assert.equal(JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')).status, 'cancelled');
      const after = (await api.experiments.getChildren(runNode)).map((n) => String(api.experiments.getTreeItem(n).description));
      assert.deepEqual(after.map((d) => /: CANCELLED,/.test(d)), [true, true], after.join('; '));
    });

    test('a search left running by a killed extension host is stopped and marked interrupted; the tree shows it', async () => {
      const orphansAtStart = await api.orphansAtActivation;
      assert.deepEqual(orphansAtStart.reaped, [], 'a fresh profile has no orphans');
      const uri = await writeConfig('orphan.hepml.json', {
        ...(tinyConfig(['x1', 'x2', 'noise']) as object),
        training: { epochs: 400, batchSize: 32, learningRate: 0.02, validationFraction: 0, earlyStopping: false },
        search: { method: 'grid', cv: 2, space: { 'training.learningRate': { values: [0.01, 0.02] } } },
      });
      // The search as a dead window would have left it: started by a host that no longer exists.
      const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
      const orphan = spawn(process.execPath, [cli, 'search', uri.fsPath], { cwd: workspaceRoot(), stdio: 'ignore', detached: true });
      const runsDir = path.join(workspaceRoot(), '.hepml', 'runs');
      const runOf = () => fs.existsSync(runsDir) ? fs.readdirSync(runsDir).map((id) => path.join(runsDir, id)).find((dir) => fs.existsSync(path.join(dir, 'run.json')) && JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')).pid === orphan.pid) : undefined;
      for (let i = 0; i < 100 && !runOf(); i++) await sleep(100);
      const runDir = runOf();
      assert.ok(runDir, 'the orphan started its run');
      const startTime = processStartTime(orphan.pid!);
      const directory = api.processDirectory()!;
      fs.mkdirSync(directory, { recursive: true });
      fs.writeFileSync(path.join(directory, 'host-999999999.json'), JSON.stringify({ host: { pid: 999999999, startTime: '1', command: 'extension host' }, children: [{ pid: orphan.pid, startTime, command: 'hepml search' }] }));
      const report = await api.stopOrphans();
      assert.deepEqual(report.reaped, [orphan.pid]);
      assert.deepEqual(report.interrupted, [path.basename(runDir)]);
      assert.throws(() => process.kill(orphan.pid!, 0), 'the orphan is gone');
      const record = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
      assert.equal(record.status, 'interrupted');
      const configs = await api.experiments.getChildren();
      const configNode = configs.find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
      const [runNode] = await api.experiments.getChildren(configNode);
      const item = api.experiments.getTreeItem(runNode);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'debug-disconnect');
      assert.match(String(item.tooltip), /interrupted: .*Resume Search continues it/);
    });

    test('the dashboard webview has a strict CSP: default-src none, nonce scripts only, one local resource root', async () => {
      const uri = await writeConfig('csp.hepml.json', tinyConfig(['x1', 'x2']));
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      const panel = await vscode.commands.executeCommand<{ webview: { html: string; options: vscode.WebviewOptions } }>('hepml.openDiagnostics', summary.runDir);
      const { html, options } = panel.webview;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(csp, 'a CSP meta tag');
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      assert.deepEqual(directives['default-src'], ["'none'"]);
      const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(directives['script-src'].join(' '))?.[1];
      assert.ok(nonce, `script-src is one nonce: ${directives['script-src']}`);
      assert.ok(!/unsafe-eval|unsafe-inline/.test(directives['script-src'].join(' ')));
      assert.ok(!('connect-src' in directives) && !('frame-src' in directives), 'no network or frames');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(scripts.length > 0 && scripts.every((tag) => tag.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
      assert.equal(options.enableScripts, true);
      assert.ok(!options.enableCommandUris, 'no command links');
      const roots = (options.localResourceRoots ?? []).map((u) => u.fsPath);
      assert.deepEqual(roots, [path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'webview')]);
    });

    test('Explore Data draws the feature distributions and correlations before any training', async () => {
      const uri = await writeConfig('explore.hepml.json', tinyConfig(['x1', 'x2', 'noise']));
      const result = await vscode.commands.executeCommand<{ runDir: string; classes: { name: string; events: number }[] }>('hepml.exploreData', uri);
      assert.deepEqual(result.classes.map((c) => [c.name, c.events]), [['signal', 300], ['background', 300]]);
      const panel = await vscode.commands.executeCommand<{ whenRendered(): Promise<{ plots: number; errors: string[] }>; lastRendered?: { plots: number; errors: string[] } }>('hepml.openDiagnostics', result.runDir);
      const rendered = panel.lastRendered ?? (await panel.whenRendered());
      assert.deepEqual(rendered.errors, []);
      assert.ok(rendered.plots >= 2, `${rendered.plots} plots: feature histograms and correlations`);
    });

    test('Compare Runs overlays the ROC curves of two trained runs; Reveal Config opens a run\'s config', async () => {
      const first = await vscode.commands.executeCommand<TrainSummary>('hepml.train', await writeConfig('cmp-a.hepml.json', tinyConfig(['x1', 'x2', 'noise'])));
      const second = await vscode.commands.executeCommand<TrainSummary>('hepml.train', await writeConfig('cmp-b.hepml.json', tinyConfig(['x1'])));
      const panel = await vscode.commands.executeCommand<{ whenRendered(): Promise<{ plots: number; errors: string[] }>; lastRendered?: { plots: number; errors: string[] }; webview: { html: string } }>('hepml.compareRuns', [first.runDir, second.runDir]);
      const rendered = panel.lastRendered ?? (await panel.whenRendered());
      assert.deepEqual({ plots: rendered.plots, errors: rendered.errors }, { plots: 2, errors: [] });
      const opened = await vscode.commands.executeCommand<string>('hepml.revealConfig', second.runDir);
      assert.equal(opened, path.join(workspaceRoot(), 'cmp-b.hepml.json'));
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, opened);
    });

    test('New Experiment drafts a config from a data file; a quick fix on the features adds the numeric columns left out', async () => {
      const target = await vscode.commands.executeCommand<vscode.Uri>('hepml.newExperiment', { dataFile: path.join(workspaceRoot(), 'events.csv'), features: ['x1'] });
      assert.equal(path.basename(target.fsPath), 'events.hepml.json');
      const config = JSON.parse(fs.readFileSync(target.fsPath, 'utf8'));
      assert.deepEqual(config.data.label, { column: 'label', map: { s: 'signal', b: 'background' } });
      assert.deepEqual(config.data.features, ['x1']);
      await diagnosticsOf(target, (d) => d.length === 0);
      const document = await vscode.workspace.openTextDocument(target);
      const at = document.positionAt(document.getText().indexOf('"x1"'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value);
      const addAll = actions.find((a) => /^Add all 2 numeric columns/.test(a.title));
      assert.ok(addAll?.edit, `actions: ${actions.map((a) => a.title).join('; ')}`);
      await vscode.workspace.applyEdit(addAll.edit);
      assert.deepEqual(JSON.parse(document.getText()).data.features, ['x1', 'x2', 'noise']);
    });

    test('a finished search: the status bar counted its fits, and hovering a search dimension shows its best value', async () => {
      const uri = await writeConfig('hover.hepml.json', {
        ...(tinyConfig(['x1', 'x2', 'noise']) as object),
        search: { method: 'grid', cv: 2, space: { 'training.learningRate': { values: [0.001, 0.05] } } },
      });
      const summary = await vscode.commands.executeCommand<{ best: { params: Record<string, number>; score: number } }>('hepml.runSearch', uri);
      assert.ok(summary?.best, 'the search finished');
      assert.match(api.searchStatusText() ?? '', /hover: 4\/4 fits$/);
      const document = await vscode.workspace.openTextDocument(uri);
      const key = document.getText().indexOf('"training.learningRate"', document.getText().indexOf('"space"'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(key + 3));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /training\.learningRate\*\*: best so far/);
      assert.ok(text.includes(String(summary.best.params['training.learningRate'])), text);
      assert.match(text, new RegExp(`auc ${summary.best.score.toFixed(4)}, best of 2 finished trial`));
    });

    test('the diagnostics panel for a config follows the active editor and redraws when its run ends', async () => {
      const a = await writeConfig('follow-a.hepml.json', tinyConfig(['x1', 'x2']));
      const b = await writeConfig('follow-b.hepml.json', tinyConfig(['x1', 'x2', 'noise']));
      await vscode.window.showTextDocument(a);
      const panel = await vscode.commands.executeCommand<{ title: string; lastRendered?: { plots: number; errors: string[] } }>('hepml.openDiagnostics', a);
      const until = async (what: string, ok: () => boolean) => {
        for (let i = 0; i < 150 && !ok(); i++) await sleep(100);
        assert.ok(ok(), `${what}: title "${panel.title}", rendered ${JSON.stringify(panel.lastRendered)}`);
      };
      await until('no run yet', () => /^follow-a\.hepml\.json: no run yet/.test(panel.title));
      await vscode.commands.executeCommand('hepml.train', a);
      await until('redrawn with the finished run', () => /^follow-a\.hepml\.json, latest run: tiny: train [0-9a-f]{6}$/.test(panel.title) && (panel.lastRendered?.plots ?? 0) >= 5);
      await vscode.window.showTextDocument(b);
      await until('moved to the other config', () => /^follow-b\.hepml\.json: no run yet/.test(panel.title));
    });

    test('Learning Curve runs in a child process and its dashboard draws the curve', async () => {
      const uri = await writeConfig('curve.hepml.json', { ...(tinyConfig(['x1', 'x2']) as object), analysis: { cv: 2, learningCurve: { sizes: [0.5, 1] } } });
      const result = await vscode.commands.executeCommand<{ runDir: string; x: number[] }>('hepml.learningCurve', uri);
      assert.ok(result && result.x.length === 2, `curve points: ${JSON.stringify(result?.x)}`);
      const panel = await vscode.commands.executeCommand<{ whenRendered(): Promise<{ plots: number; errors: string[] }>; lastRendered?: { plots: number; errors: string[] } }>('hepml.openDiagnostics', result.runDir);
      const rendered = panel.lastRendered ?? (await panel.whenRendered());
      assert.deepEqual({ plots: rendered.plots, errors: rendered.errors }, { plots: 1, errors: [] });
    });

    test('a three-class run\'s dashboard shows the per-class ROC curves', async () => {
      const csv = ['a,b,process'];
      let seed = 3;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let i = 0; i < 600; i++) csv.push(`${(random() + (i % 3)).toFixed(4)},${(random() - (i % 3) / 2).toFixed(4)},${['top', 'ww', 'zz'][i % 3]}`);
      await vscode.workspace.fs.writeFile(vscode.Uri.file(path.join(workspaceRoot(), 'three.csv')), Buffer.from(csv.join('\n') + '\n'));
      const uri = await writeConfig('three.hepml.json', {
        data: { sources: [{ path: 'three.csv' }], features: ['a', 'b'], classes: ['top', 'ww', 'zz'], label: { column: 'process', map: { top: 'top', ww: 'ww', zz: 'zz' } } },
        model: { hidden: { layers: 1, units: 16 } },
        training: { epochs: 10, learningRate: 0.02, batchSize: 32 },
      });
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      assert.ok(summary, 'trained');
      const diagnostics = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'diagnostics.json'), 'utf8'));
      assert.equal(diagnostics.multiclass.roc.length, 3);
      const panel = await vscode.commands.executeCommand<{ whenRendered(): Promise<{ plots: number; errors: string[] }>; lastRendered?: { plots: number; errors: string[] } }>('hepml.openDiagnostics', summary.runDir);
      const rendered = panel.lastRendered ?? (await panel.whenRendered());
      assert.deepEqual(rendered.errors, []);
      assert.ok(rendered.plots >= 8, `${rendered.plots} plots, the one-vs-rest ROC and confusion matrix among them`);
    });
  });
}
