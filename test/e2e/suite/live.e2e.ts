// The live extension inside a real VS Code (code-server): plots that grow while a run trains,
// Stop on a training, schema help in configs without $schema, verdicts with their badges and fixes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HepmlApi } from '../../../src/extension/extension';
import type { RunRecord, TrainSummary } from '../../../src/shared/run';

const EXTENSION_ID = 'hepml-lab.hepml-lab';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Rendered = { plots: number; errors: string[]; rows?: Record<string, number>; tables?: string[] };
type Panel = { title: string; lastRendered?: Rendered; liveRows: Record<string, number>; whenRendered(): Promise<Rendered> };

function workspaceRoot(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
}

function extensionPath(): string {
  return vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
}

async function writeJson(name: string, value: unknown): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(path.join(workspaceRoot(), name));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(value, null, 2) + '\n'));
  return uri;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Polls `check` every 50 ms until it returns a value. */
async function until<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

/** The run folders of the workspace's store whose config is `configFile`. */
function runsOf(configFile: string): string[] {
  const root = path.join(workspaceRoot(), '.hepml', 'runs');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .map((id) => path.join(root, id))
    .filter((dir) => readJson<RunRecord>(path.join(dir, 'run.json'))?.configFile === configFile);
}

function tiny(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'live',
    data: { sources: [{ path: 'events.csv' }], features: ['x1', 'x2', 'noise'], label: { column: 'label', map: { s: 'signal', b: 'background' } } },
    model: { hidden: { layers: 2, units: 32 } },
    training: { epochs: 3, batchSize: 32, learningRate: 0.02 },
    ...overrides,
  };
}

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

export function registerLiveTests(): void {
  suite('the live extension', () => {
    let api: HepmlApi;

    suiteSetup(async () => {
      api = await vscode.extensions.getExtension<HepmlApi>(EXTENSION_ID)!.activate();
    });

    test('a training draws its history while it runs (three epochs before it ends), and Stop ends it as cancelled', async () => {
      // 2,000 epochs of 600 events: minutes if left alone; stopped once the plot has grown.
      const uri = await writeJson('live.hepml.json', tiny({ training: { epochs: 2000, batchSize: 16, learningRate: 0.01, earlyStopping: false } }));
      await vscode.window.showTextDocument(uri);
      const panel = await vscode.commands.executeCommand<Panel>('hepml.openDiagnostics', uri);
      const training = vscode.commands.executeCommand<TrainSummary | undefined>('hepml.train', uri);
      const runDir = await until('the run folder', () => runsOf(uri.fsPath)[0], 60_000);
      // Six rows per epoch: loss, AUC and accuracy on training and validation events.
      const rows = await until('three epochs drawn in the history plot', () => ((panel.lastRendered?.rows?.history ?? 0) >= 18 ? panel.lastRendered!.rows!.history : undefined), 60_000);
      const record = readJson<RunRecord>(path.join(runDir, 'run.json'))!;
      assert.equal(record.status, 'running', 'drawn while the run is still training');
      assert.match(panel.title, /latest run: live: train/);
      console.log(`      history plot: ${rows / 6} epochs drawn while training; kernels: ${record.kernels}`);
      const said = await vscode.commands.executeCommand<string>('hepml.stop', runDir);
      assert.match(String(said), /stopped the training/);
      assert.equal(await training, undefined, 'a stopped training returns no summary');
      assert.equal(readJson<RunRecord>(path.join(runDir, 'run.json'))!.status, 'cancelled');
    });

    test('a search dashboard draws each trial while the search runs (median within 1 s of its record)', async () => {
      const uri = await writeJson('live-search.hepml.json', tiny({
        name: 'live-search',
        training: { epochs: 200, batchSize: 32, learningRate: 0.02, validationFraction: 0, earlyStopping: false },
        search: { method: 'random', nCalls: 8, cv: 2, randomState: 3, space: { 'training.learningRate': { type: 'real', low: 0.005, high: 0.05 } } },
      }));
      // One worker: this machine has two cores, and the editor, its browser and the worker share them.
      const settings = vscode.workspace.getConfiguration('hepml');
      await settings.update('maxWorkers', 1, vscode.ConfigurationTarget.Workspace);
      const searching = vscode.commands.executeCommand('hepml.runSearch', uri);
      let done = false;
      void Promise.resolve(searching).then(() => (done = true), () => (done = true));
      const runDir = await until('the search run folder', () => runsOf(uri.fsPath)[0], 60_000).finally(() => settings.update('maxWorkers', undefined, vscode.ConfigurationTarget.Workspace));
      const panel = await vscode.commands.executeCommand<Panel>('hepml.openDiagnostics', runDir);
      // Measured from the dashboard's first drawing on (a new webview first loads its scripts).
      await until('the dashboard drawn once', () => panel.lastRendered, 60_000);
      const trialsFile = path.join(runDir, 'trials.json');
      const already = readJson<unknown[]>(trialsFile)?.length ?? 0;
      const written = new Map<number, number>();
      const shown = new Map<number, number>();
      for (let quiet = 0; !done || quiet < 100; quiet = done ? quiet + 1 : 0) {
        const count = readJson<unknown[]>(trialsFile)?.length ?? 0;
        if (count > already && !written.has(count)) written.set(count, Date.now());
        // The convergence plot as drawn (the webview says so as soon as it is, before the rest of the page).
        const drawn = panel.liveRows.convergence ?? 0;
        for (const [n] of written) if (drawn >= n && !shown.has(n)) shown.set(n, Date.now());
        if (done && shown.size === written.size) break;
        await sleep(20);
      }
      const delays = [...written].map(([n, at]) => (shown.get(n) ?? Infinity) - at);
      console.log(`      trials drawn after their record: ${delays.map((d) => `${d} ms`).join(', ')} (${already} written before the first drawing)`);
      assert.ok(written.size >= 2, `trials seen written after the first drawing: ${written.size}`);
      // Every trial is drawn while the search runs. Typically within half a second; on a loaded
      // 2-vCPU machine one trial in a run now and then waits 2-3 s (the host and the page share the
      // cores with the worker), so the median is held to 1 s and each trial to 5 s here; the
      // figures are printed above for the record.
      const sorted = [...delays].sort((a, b) => a - b);
      assert.ok(sorted[Math.floor((sorted.length - 1) / 2)] <= 1000, `median delay ${sorted[Math.floor((sorted.length - 1) / 2)]} ms`);
      for (const delay of delays) assert.ok(delay <= 5000, `a trial shown ${delay} ms after its record`);
    });

    test('a copied example and a New Experiment config get schema completion and hover docs without a $schema line', async () => {
      const folder = path.join(workspaceRoot(), 'atlas-copy');
      fs.mkdirSync(folder, { recursive: true });
      for (const name of ['atlas.hepml.json', 'training_10k.csv']) fs.copyFileSync(path.join(extensionPath(), 'examples', 'atlas-higgs', name), path.join(folder, name));
      const copied = vscode.Uri.file(path.join(folder, 'atlas.hepml.json'));
      const document = await vscode.workspace.openTextDocument(copied);
      await vscode.window.showTextDocument(document);
      assert.ok(!document.getText().includes('$schema'));
      const key = document.getText().indexOf('"learningRate"');
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', copied, document.positionAt(key + 3)));
      assert.match(hover, /\*\*training\.learningRate\*\*/);
      assert.match(hover, /Default: `0\.001`/);
      // Completion of keys from the schema the extension contributes, in an object of the config.
      const inTraining = document.positionAt(document.getText().indexOf('"training": {') + '"training": {'.length);
      const labels = async (uri: vscode.Uri, at: vscode.Position) => {
        for (let attempt = 0; ; attempt++) {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
          const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
          // The JSON language server loads the contributed schema a moment after the document opens.
          if (found.length > 0 || attempt === 40) return found;
          await sleep(250);
        }
      };
      // The language server offers the keys the object lacks: the example sets every training key but "loss".
      const offered = await labels(copied, inTraining);
      assert.ok(offered.includes('loss'), `schema keys complete in a copied example; offered: ${offered.slice(0, 30).join(', ')}`);
      const drafted = await vscode.commands.executeCommand<vscode.Uri>('hepml.newExperiment', { dataFile: path.join(folder, 'training_10k.csv'), features: ['DER_mass_MMC', 'PRI_tau_pt'] });
      const draft = await vscode.workspace.openTextDocument(drafted);
      await vscode.window.showTextDocument(draft);
      const config = JSON.parse(draft.getText());
      assert.ok(!('$schema' in config));
      assert.deepEqual(config.data.missing, { value: -999, policy: 'median' }, 'the -999 marker becomes data.missing');
      assert.equal(config.training.classBalance, true, 'the weighted classes are balanced');
      const modelKey = draft.getText().indexOf('"model"');
      assert.match(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', drafted, draft.positionAt(modelKey + 2))), /\*\*model\*\*/);
      const inModel = draft.positionAt(draft.getText().indexOf('"hidden": {') + '"hidden": {'.length);
      const offeredInModel = await labels(drafted, inModel);
      assert.ok(offeredInModel.includes('kernelInitializer') && !offeredInModel.includes('units'), `schema keys complete in a New Experiment config; offered: ${offeredInModel.join(', ')}`);
    });

    test('a leakage feature is flagged at its line, with a fix that removes it', async () => {
      const rows = ['x1,truth,label'];
      for (let i = 0; i < 400; i++) rows.push(`${Math.sin(i).toFixed(4)},${i % 2},${i % 2 ? 's' : 'b'}`);
      fs.writeFileSync(path.join(workspaceRoot(), 'leak.csv'), rows.join('\n') + '\n');
      const uri = await writeJson('leak.hepml.json', tiny({ data: { sources: [{ path: 'leak.csv' }], features: ['x1', 'truth'], label: { column: 'label', map: { s: 'signal', b: 'background' } } } }));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const leak = await until('the leakage warning', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'hepml' && d.code === 'leakage'), 20_000);
      assert.equal(document.lineAt(leak.range.start.line).text.trim(), '"truth"');
      assert.match(leak.message, /alone separates the classes almost perfectly/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, leak.range, vscode.CodeActionKind.QuickFix.value);
      const remove = actions.find((a) => a.title === 'Remove "truth" from data.features');
      assert.ok(remove?.edit, `fixes: ${actions.map((a) => a.title).join('; ')}`);
      await vscode.workspace.applyEdit(remove.edit);
      assert.deepEqual(JSON.parse(document.getText()).data.features, ['x1']);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('an overtrained run shows its badge in the tree and the lens, and a warning with fixes on its config', async () => {
      // Labels unrelated to the features: a large network learns the training events by heart.
      const rows = ['a,b,c,label'];
      let seed = 11;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let i = 0; i < 400; i++) rows.push(`${random().toFixed(5)},${random().toFixed(5)},${random().toFixed(5)},${random() < 0.5 ? 's' : 'b'}`);
      fs.writeFileSync(path.join(workspaceRoot(), 'noise.csv'), rows.join('\n') + '\n');
      const uri = await writeJson('overtrain.hepml.json', tiny({
        name: 'overtrain',
        data: { sources: [{ path: 'noise.csv' }], features: ['a', 'b', 'c'], label: { column: 'label', map: { s: 'signal', b: 'background' } } },
        model: { hidden: { layers: 3, units: 128 } },
        training: { epochs: 300, batchSize: 16, learningRate: 0.003, validationFraction: 0, earlyStopping: false },
      }));
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      assert.ok(summary.ks.signal.pValue < 0.05 || summary.ks.background.pValue < 0.05, `overtrained: ${JSON.stringify(summary.ks)}`);
      const configNode = (await api.experiments.getChildren()).find((c) => c.kind === 'config' && c.uri.fsPath === uri.fsPath)!;
      const [runNode] = await api.experiments.getChildren(configNode);
      const item = api.experiments.getTreeItem(runNode);
      assert.match(String(item.description), /^\u26a0 overtrained, completed, AUC/);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.ok(lenses.some((l) => /^\u26a0 overtrained \(latest run /.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
      const warning = await until('the overtraining warning', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'overtraining'), 20_000);
      assert.equal(document.getText(warning.range), '"model"');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Dropout 0.2 in the hidden layers') && titles.includes('Early stopping on val_loss, keeping the best epoch'), titles.join('; '));
      await vscode.workspace.applyEdit(actions.find((a) => a.title === 'Dropout 0.2 in the hidden layers')!.edit!);
      assert.equal(JSON.parse(document.getText()).model.hidden.dropout, 0.2);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('examples/cms-single-top trains from the extension; its dashboard shows the cut-flow, the yields, the stacked distributions and the sculpting check', async () => {
      const folder = path.join(workspaceRoot(), 'cms-train');
      fs.mkdirSync(folder, { recursive: true });
      const example = path.join(extensionPath(), 'examples', 'cms-single-top');
      for (const name of fs.readdirSync(example)) fs.copyFileSync(path.join(example, name), path.join(folder, name));
      const uri = vscode.Uri.file(path.join(folder, 'single-top.hepml.json'));
      const summary = await vscode.commands.executeCommand<TrainSummary>('hepml.train', uri);
      assert.ok(summary && summary.metrics.auc > 0.6, `trained: ${JSON.stringify(summary?.metrics)}`);
      const panel = await vscode.commands.executeCommand<Panel>('hepml.openDiagnostics', summary.runDir);
      const rendered = await until('the dashboard with its tables', () => (panel.lastRendered?.tables?.length ? panel.lastRendered : undefined), 30_000);
      assert.deepEqual(rendered.errors, []);
      for (const title of ['Working points (test events', 'Cut-flow', 'Expected yields per process']) assert.ok(rendered.tables!.some((t) => t.startsWith(title)), `table "${title}" in ${rendered.tables!.join(', ')}`);
      for (const id of ['stacked', 'output-by-process', 'sculpting', 'cut-slider']) assert.ok((rendered.rows?.[id] ?? 0) > 0, `plot ${id} drawn: ${JSON.stringify(rendered.rows)}`);
      const report = fs.readFileSync(path.join(summary.runDir, 'report.html'), 'utf8');
      for (const words of ['Cut-flow', 'Sculpting check', 'backgrounds stacked']) assert.ok(report.includes(words), `the report shows ${words}`);
    });

    test('the experiments table lists every run with its figures, and the config diff of two runs opens', async () => {
      const table = await vscode.commands.executeCommand<{ shownRows: { dir: string; id: string; status: string; auc: number | null; changed: string[]; verdicts: string[] }[] }>('hepml.showExperiments');
      const rows = await until('the table rows', () => (table.shownRows.length > 0 ? table.shownRows : undefined), 10_000);
      const stores = fs.readdirSync(path.join(workspaceRoot(), '.hepml', 'runs'));
      assert.equal(rows.length, stores.length, 'one row per run of the store');
      const overtrained = rows.find((r) => r.verdicts.includes('overtrained'));
      assert.ok(overtrained && overtrained.auc !== null, 'the overtrained run with its test AUC');
      // The dropout fix was reverted, so its config still matches; the live run's differs in nothing either.
      assert.deepEqual(overtrained.changed, []);
    });
  });
}
