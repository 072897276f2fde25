// UI test in a real VS Code (code-server) through Debian's Chromium: open a copy of
// examples/higgs (the grid with two objectives, auc and parameters), right-click grid.hepml.json
// -> Run Search, wait for the search dashboard and
// check its Vega plots drew (SVG marks, no "Could not draw"), click a trial in the Experiments
// view, and save screenshots. With --vsix the extension is the packaged .vsix (npm run package),
// installed into code-server as a user would; otherwise it is loaded from this checkout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCodeServer } from './codeServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const shots = process.env.HEPML_SHOTS || path.join(repo, 'test-results');
const port = Number(process.env.CS_UI_PORT || 8092);
const started = Date.now();
const lap = (message) => console.log(`[ui ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
fs.mkdirSync(shots, { recursive: true });

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-ui-ws-'));
for (const name of ['grid.hepml.json', 'higgs.hepml.json', 'Higgs_data.root']) fs.copyFileSync(path.join(repo, 'examples', 'higgs', name), path.join(workspace, name));
{
  // The grid traded against the network's size: the dashboard draws the Pareto front too.
  const gridFile = path.join(workspace, 'grid.hepml.json');
  const grid = JSON.parse(fs.readFileSync(gridFile, 'utf8'));
  grid.search.objectives = ['auc', 'parameters'];
  fs.writeFileSync(gridFile, JSON.stringify(grid, null, 2));
}
// Hostile strings where users' data and configs put text: a column name and a run name.
const HOSTILE_COLUMN = '<img src=x onerror=window.__pwned=1>';
const HOSTILE_NAME = '</script><img src=x onerror=window.__pwned=2>';
{
  let seed = 5;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const rows = [`x1,${HOSTILE_COLUMN},label`];
  for (let i = 0; i < 400; i++) rows.push(`${(random() + (i % 2)).toFixed(4)},${random().toFixed(4)},${i % 2 ? 's' : 'b'}`);
  fs.writeFileSync(path.join(workspace, 'hostile.csv'), rows.join('\n') + '\n');
  const config = { name: HOSTILE_NAME, data: { sources: [{ path: 'hostile.csv' }], features: ['x1', HOSTILE_COLUMN], label: { column: 'label', map: { s: 'signal', b: 'background' } } }, model: { hidden: { layers: 1, units: 4 } }, training: { epochs: 2 } };
  fs.writeFileSync(path.join(workspace, 'hostile.hepml.json'), JSON.stringify(config, null, 2));
}
let ok = false;
let browser;
let server;

/** WCAG contrast ratio of two CSS colours (rgb()/rgba() as getComputedStyle gives them). */
function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colours a dashboard shows the KS subtitle and the legends in, and its background. */
async function dashboardColours(webview) {
  return webview.locator('body').evaluate(() => {
    const style = (element) => getComputedStyle(element);
    const transparent = (colour) => colour === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(colour);
    // What shows behind the text: the first painted ancestor, else the editor background VS Code
    // paints behind the webview (its variable resolved to rgb() through a probe element).
    let background = [document.body, document.documentElement].map((e) => style(e).backgroundColor).find((c) => !transparent(c));
    if (!background) {
      const probe = document.createElement('div');
      probe.style.color = style(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
      document.body.append(probe);
      background = style(probe).color;
      probe.remove();
    }
    const subtitle = [...document.querySelectorAll('svg text')].find((t) => t.textContent.startsWith('Kolmogorov-Smirnov'));
    const overtraining = [...document.querySelectorAll('section')].find((s) => s.dataset.plot === 'overtraining');
    const shown = (colour) => (colour === 'none' || transparent(colour) ? background : colour);
    const symbols = [...(overtraining?.querySelectorAll('.role-legend-symbol path') ?? [])].map((p) => [shown(style(p).fill), shown(style(p).stroke)]);
    const labels = [...(overtraining?.querySelectorAll('.role-legend-label text') ?? [])].map((t) => [t.textContent, style(t).fill]);
    return { background, bodyClass: document.body.className, subtitle: subtitle ? style(subtitle).fill : null, symbols, labels };
  });
}

/** Right-clicks a file in the Explorer and picks an item of its context menu. */
async function explorerMenu(page, file, itemText) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  await row.waitFor();
  const item = page.locator('.monaco-menu .action-item', { hasText: itemText }).first();
  // The extension's menu items appear once its host has registered it: retry the right-click.
  for (let attempt = 0; ; attempt++) {
    await row.click({ button: 'right' });
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
    if (attempt === 20) throw new Error(`"${itemText}" never appeared in the context menu of ${file}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  // VS Code's menus act on mouse-up after they settle; hover, then confirm with Enter.
  await item.hover();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-menu').first().waitFor({ state: 'hidden' });
}

/** Switches the colour theme as a user does: Preferences: Color Theme, then the theme's name. */
async function pickColorTheme(page, theme) {
  // Keys go to the workbench, not into a webview: focus an editor's text first.
  await page.locator('.part.editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('F1');
  await page.keyboard.type('Preferences: Color Theme');
  // "Browse Color Themes in Marketplace" comes first in the list: click the command itself.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor();
  await page.keyboard.type(theme);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden' });
}

/**
 * Trains the Higgs example from the Explorer's menu (with --vsix: the installed package, which
 * must use the native kernels), times it against the CLI on the same config, then checks every
 * text and legend of its dashboard is readable in the dark and the light theme (screenshots of both).
 */
async function trainHiggsAndCheckThemes(page, shownDashboard, showExplorer, vsix) {
  await showExplorer();
  await explorerMenu(page, 'higgs.hepml.json', 'Train');
  const webview = await shownDashboard('higgs: train', 600_000);
  await webview.locator('section[data-plot="overtraining"] svg').waitFor();
  const runs = path.join(workspace, '.hepml', 'runs');
  const record = fs.readdirSync(runs).map((id) => JSON.parse(fs.readFileSync(path.join(runs, id, 'run.json'), 'utf8'))).find((r) => r.name === 'higgs' && r.kind === 'train');
  lap(`Higgs example trained in code-server: ${record.seconds.toFixed(1)} s, ${record.epochs} epochs, kernels: ${record.kernels}`);
  if (vsix && /-(linux|darwin|win32)-/.test(path.basename(vsix)) && !/^native/.test(record.kernels)) throw new Error(`the platform package trained on ${record.kernels}`);
  // The CLI on the same config and data, in another folder, now that the editor is idle.
  const cliFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-ui-cli-'));
  for (const name of ['higgs.hepml.json', 'Higgs_data.root']) fs.copyFileSync(path.join(workspace, name), path.join(cliFolder, name));
  const cli = spawnSync(process.execPath, [path.join(repo, 'bin', 'hepml.js'), 'train', 'higgs.hepml.json', '--json'], { cwd: cliFolder, encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`hepml train failed: ${cli.stderr}`);
  const cliRun = JSON.parse(fs.readFileSync(path.join(JSON.parse(cli.stdout.trim().split('\n').pop()).runDir, 'run.json'), 'utf8'));
  fs.rmSync(cliFolder, { recursive: true, force: true });
  const perEpoch = (r) => r.seconds / r.epochs;
  const ratio = perEpoch(record) / perEpoch(cliRun);
  lap(`the CLI: ${cliRun.seconds.toFixed(1)} s, ${cliRun.epochs} epochs, kernels: ${cliRun.kernels}; seconds per epoch in code-server / CLI = ${ratio.toFixed(2)}`);
  // Timing is reported, not held to 20% here (a shared 2-core machine moves it by 0.2 between runs:
  // 0.95-1.15 measured); the wasm kernels would be ~4x, which this still catches.
  if (vsix && ratio > 2) throw new Error(`the extension trains ${ratio.toFixed(2)}x slower than the CLI`);

  // The themes' labels in the picker (their ids are "Default Dark Modern" and "Default Light Modern").
  for (const theme of ['Dark Modern', 'Light Modern']) {
    await pickColorTheme(page, theme);
    const wantedClass = theme.includes('Light') ? 'vscode-light' : 'vscode-dark';
    // The same dashboard, found again: the frames' order may have changed while the picker was open.
    const shown = await shownDashboard('higgs: train');
    await shown.locator(`body.${wantedClass}`).waitFor({ timeout: 30_000 });
    // The page redraws its plots in the new theme's colours.
    await page.waitForTimeout(1500);
    const colours = await dashboardColours(shown);
    const worst = [
      ['KS subtitle', colours.subtitle ? contrast(colours.subtitle, colours.background) : 0],
      ...colours.symbols.map(([fill, stroke], i) => [`legend symbol ${i}`, Math.max(contrast(fill, colours.background), contrast(stroke, colours.background))]),
      ...colours.labels.map(([text, fill]) => [`legend label "${text}"`, contrast(fill, colours.background)]),
    ];
    lap(`${theme}: background ${colours.background}; ${worst.map(([what, ratio]) => `${what} ${ratio.toFixed(1)}`).join(', ')}`);
    const unreadable = worst.filter(([what, ratio]) => ratio < (what.startsWith('legend symbol') ? 1.5 : 3));
    if (colours.symbols.length === 0 || colours.labels.length === 0 || unreadable.length > 0) throw new Error(`unreadable in ${theme}: ${JSON.stringify(unreadable)} (${JSON.stringify(colours)})`);
    // The screenshot shows the overtraining plot, whose subtitle and legend were checked.
    await shown.locator('section[data-plot="overtraining"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `dashboard-${wantedClass}.png`) });
  }
}
try {
  const vsixArgument = process.argv.indexOf('--vsix');
  // --vsix [file]: default the .vsix npm run package wrote for this version.
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const given = process.argv[vsixArgument + 1];
  // By default this platform's package (with the native addon), else the universal one.
  const platformVsix = path.join(repo, `${name}-${process.platform}-${process.arch}-${version}.vsix`);
  const defaultVsix = fs.existsSync(platformVsix) ? platformVsix : path.join(repo, `${name}-${version}.vsix`);
  const vsix = vsixArgument > 0 ? path.resolve(given && !given.startsWith('--') ? given : defaultVsix) : undefined;
  server = await startCodeServer(port, {}, { installVsix: vsix });
  if (vsix) lap(`installed ${path.basename(vsix)}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  // Errors the dashboards' pages log (a failing plot, a refused script or style): none allowed.
  const webviewErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /webview/.test(message.location().url ?? '')) webviewErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => webviewErrors.push(`uncaught: ${error.message}`));
  page.setDefaultTimeout(60_000);
  const host = server.host;
  const payload = JSON.stringify(vsix ? [] : [['extensionDevelopmentPath', `vscode-remote://${host}${repo}`]]);
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  await page.waitForFunction(() => !!window.driver, null, { timeout: 30_000 });
  await page.evaluate(() => window.driver.whenWorkbenchRestored());
  lap('workbench restored');

  await explorerMenu(page, 'grid.hepml.json', 'Run Search');
  lap('right-click -> Run Search');

  // A dashboard is a webview inside two iframes. Hidden panels keep their iframes
  // (retainContextWhenHidden) and two editor groups may each show one: the dashboard wanted is the
  // visible one whose title says so.
  const shownDashboard = async (title, timeout = 60_000) => {
    for (const deadline = Date.now() + timeout; ;) {
      const frames = page.locator('iframe.webview.ready:visible');
      for (let i = (await frames.count()) - 1; i >= 0; i--) {
        const frame = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
        if ((await frame.locator('#title', { hasText: title }).count().catch(() => 0)) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no dashboard titled "${title}" is shown`);
      await page.waitForTimeout(200);
    }
  };
  // A tree row's click is lost when it lands while VS Code redraws the tree (the row's command is
  // replaced; "Actual command not found" in the host log): a user clicks again, and so does this.
  const clickForDashboard = async (row, title) => {
    for (let attempt = 1; ; attempt++) {
      await row.click();
      const shown = await shownDashboard(title, 5_000).catch((error) => (attempt < 3 ? undefined : Promise.reject(error)));
      if (shown) return shown;
      lap(`the click on the row for "${title}" was lost; clicking again`);
    }
  };
  // The search opens its dashboard when it finishes.
  let webview = await shownDashboard('search', 240_000);
  await webview.locator('.plot svg').first().waitFor();
  const plots = await webview.locator('.plot').count();
  const drawn = await webview.locator('.plot svg .mark-symbol, .plot svg .mark-line, .plot svg .mark-rect, .plot svg .mark-area').count();
  const failed = await webview.locator('.plot', { hasText: 'Could not draw' }).count();
  lap(`search dashboard: ${plots} plots, ${drawn} mark groups, ${failed} failures`);
  if (plots < 5 || drawn < 5 || failed > 0) throw new Error('the search dashboard did not draw');
  await page.screenshot({ path: path.join(shots, 'search-dashboard.png') });
  // What the search says about its parameters and the trade-off it found: each plot drawn.
  for (const id of ['pareto', 'importance', 'parallel-coordinates', 'slices']) {
    const section = webview.locator(`section[data-plot="${id}"]`);
    await section.locator('svg').waitFor();
    const marks = await section.locator('svg .mark-symbol path, svg .mark-line path, svg .mark-rect path').count();
    if (marks === 0) throw new Error(`the ${id} plot drew no marks`);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `search-${id}.png`) });
    lap(`${id} plot: ${marks} marks`);
  }

  // The trials table: best score first; a header click sorts; a row opens its trial's config.
  const rows = webview.locator('#trials tbody tr');
  await rows.first().waitFor();
  const rowCount = await rows.count();
  const scores = await webview.locator('#trials tbody tr td:nth-child(3)').allInnerTexts();
  if (rowCount !== 15 || scores.map(Number).some((v, i) => i > 0 && v > Number(scores[i - 1]))) throw new Error(`trials table: ${rowCount} rows, scores ${scores.join(' ')}`);
  await webview.locator('#trials th[data-column="0"]').click();
  const byTrial = await webview.locator('#trials tbody tr').first().getAttribute('data-trial');
  if (byTrial !== '14') throw new Error(`sorting by trial (descending) put trial ${byTrial} first`);
  lap(`trials table: ${rowCount} rows, best first (${scores[0]}), sorted by trial on a header click`);
  // The refit's working points and its cut slider (with the best-Z cut) are on the search's dashboard too.
  await webview.locator('h2', { hasText: 'Refit: Working points' }).waitFor();
  await webview.locator('section[data-plot="refit-cut-slider"] h2', { hasText: /best Asimov Z/ }).waitFor();
  await webview.locator('section[data-plot="refit-cut-slider"] input[type="range"]').waitFor();
  lap('the refit\'s working-point table and cut slider are shown');

  // The HEP ML activity-bar container's Experiments view: expand the config, then its search run.
  // The item, not its link: a badge (unsaved files, problems) lies over the link.
  const showHepml = () => page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="HEP ML"]') }).first().click();
  const showExplorer = () => page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="Explorer"]') }).first().click();
  await showHepml();
  const view = page.locator('.part.sidebar');
  await view.locator('.monaco-list-row', { hasText: 'grid.hepml.json' }).first().locator('.monaco-tl-twistie').click();
  const runRow = view.locator('.monaco-list-row', { hasText: /search \d{8}-/ }).first();
  await runRow.waitFor();
  lap(`tree: ${(await runRow.innerText()).replace(/\s+/g, ' ')}`);
  await runRow.locator('.monaco-tl-twistie').click();
  const trialRow = view.locator('.monaco-list-row', { hasText: 'trial 1' }).first();
  await trialRow.waitFor();
  lap(`trials in the tree: ${await view.locator('.monaco-list-row', { hasText: /^trial \d+/ }).count()}`);
  // A trial's own dashboard: its folds' scores, loss per epoch, ROC per held-out fold, score distributions.
  webview = await clickForDashboard(trialRow, 'trial 1 of the grid search');
  await webview.locator('.plot svg').nth(3).waitFor();
  const trialPlots = await webview.locator('.plot').count();
  const trialMarks = await webview.locator('.plot svg .mark-symbol, .plot svg .mark-line, .plot svg .mark-rect').count();
  const trialFailed = await webview.locator('.plot', { hasText: 'Could not draw' }).count();
  lap(`trial row opens the trial's dashboard: ${trialPlots} plots, ${trialMarks} mark groups, ${trialFailed} failures`);
  if (trialPlots < 4 || trialMarks < 4 || trialFailed > 0) throw new Error('the trial dashboard did not draw');
  await page.screenshot({ path: path.join(shots, 'experiments-tree.png') });

  // Train the hostile config from the command palette; its dashboard must show the strings as text.
  await showExplorer();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hostile.hepml.json' }).first().click();
  await page.locator('.tab', { hasText: 'hostile.hepml.json' }).first().waitFor();
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('F1');
  await page.keyboard.type('HEP ML: Train');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'HEP ML: Train' }).first().waitFor();
  await page.keyboard.press('Enter');
  webview = await shownDashboard(HOSTILE_NAME, 120_000);
  await webview.locator('.plot svg').first().waitFor();
  const shownColumn = await webview.locator('svg text', { hasText: HOSTILE_COLUMN }).count();
  const injected = await webview.locator('img').count();
  const pwned = await webview.locator('body').evaluate(() => window.__pwned ?? null);
  lap(`hostile run dashboard: title as text, column name in ${shownColumn} plot text(s), ${injected} img elements, __pwned=${pwned}`);
  if (shownColumn < 1 || injected > 0 || pwned !== null) throw new Error('a hostile string was not rendered as text');
  await page.screenshot({ path: path.join(shots, 'hostile-dashboard.png') });

  // Save a plot as SVG: the webview asks, the host opens a save dialog, Enter takes its default.
  await webview.locator('.tool', { hasText: 'Save SVG' }).first().click();
  await page.locator('.quick-input-widget input').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  let saved;
  for (let i = 0; i < 100 && !saved; i++) {
    saved = fs.readdirSync(workspace).find((f) => f.endsWith('.svg'));
    if (!saved) await page.waitForTimeout(100);
  }
  const svgText = saved ? fs.readFileSync(path.join(workspace, saved), 'utf8') : '';
  lap(`saved plot: ${saved} (${svgText.length} bytes)`);
  if (!saved || !svgText.startsWith('<svg')) throw new Error('Save SVG wrote no SVG file');

  // Back to the search's dashboard from its tree row: a trial's row in the table opens that trial's config.
  await showHepml();
  webview = await clickForDashboard(runRow, 'higgs-grid: grid search');
  // A point of the convergence plot (the first plot; points in call order) opens its trial.
  await webview.locator('.plot').first().locator('.mark-symbol path').nth(2).click();
  await shownDashboard('trial 3 of the grid search');
  lap('a point of the convergence plot opened trial 3\'s dashboard');
  webview = await clickForDashboard(runRow, 'higgs-grid: grid search');
  await webview.locator('#trials tr[data-trial="4"]').click();
  webview = await shownDashboard('trial 5 of the grid search');
  await webview.locator('.tool', { hasText: 'Open Trial Config' }).click();
  await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor();
  const opened = await page.locator('.editor-instance .view-lines').first().innerText();
  if (!/higgs-grid-trial-5/.test(opened.replace(/\s+/g, ' '))) throw new Error(`the trial row opened: ${opened.slice(0, 200)}`);
  lap('a trials-table row opened its trial\'s dashboard, and that its config');
  await page.screenshot({ path: path.join(shots, 'trial-config.png') });
  await trainHiggsAndCheckThemes(page, shownDashboard, showExplorer, vsix);
  lap(`webview console: ${webviewErrors.length} errors`);
  if (webviewErrors.length > 0) throw new Error(`the dashboards logged errors:\n${webviewErrors.join('\n')}`);
  ok = true;
} catch (error) {
  console.error('UI test failed:', error);
  if (browser) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) await pages[0].screenshot({ path: path.join(shots, 'ui-failure.png') }).catch(() => {});
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  server?.stop(!ok);
  if (ok) fs.rmSync(workspace, { recursive: true, force: true });
  else console.error(`kept: ${server?.state}, ${workspace}`);
}
lap(ok ? 'UI test passed' : 'UI test FAILED');
process.exit(ok ? 0 : 1);
