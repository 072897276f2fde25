// Browser half of a dashboard (host half: src/extension/dashboardPanel.ts): draws the Vega-Lite
// specs the extension host sends in VS Code's theme colours, offers each plot as SVG or PNG,
// keeps what it shows in the webview state (restored when the panel comes back), and reports
// back what it drew.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import embed from 'vega-embed';
import { changeset, type View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { BestTrialCard, HostToWebview, TextTable, TrialsTable, WebviewToHost } from '../src/shared/webviewProtocol';
import { vegaThemeConfig } from '../src/shared/vegaTheme';
import { LIVE_DATA, liveValues, shapeOf, withNamedData } from './liveData';
import { compareCells, sortingHeaderCell, type SortState } from './sortableTable';

type Show = Extract<HostToWebview, { type: 'show' }>;
declare function acquireVsCodeApi(): { postMessage(message: WebviewToHost): void; setState(state: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();

function isShow(value: unknown): value is Show {
  const message = value as HostToWebview;
  return typeof value === 'object' && value !== null && message.type === 'show' && typeof message.title === 'string' && Array.isArray(message.specs) && Array.isArray(message.source);
}

/** Vega's colours from the VS Code theme (CSS variables), so plots follow light, dark and high contrast. */
function themeConfig(): Record<string, unknown> {
  const css = getComputedStyle(document.body);
  const colour = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return vegaThemeConfig({
    text: colour('--vscode-editor-foreground', '#333'),
    grid: colour('--vscode-editorWidget-border', '#ddd'),
    background: colour('--vscode-editor-background', 'white'),
  });
}

/** A secondary button under a plot or the title (Save SVG, Save PNG, Open Trial Config). */
function toolButton(label: string, onClick: () => Promise<void>): HTMLElement {
  const button = document.createElement('vscode-button');
  button.setAttribute('secondary', '');
  button.textContent = label;
  button.className = 'tool';
  button.addEventListener('click', () => void onClick());
  return button;
}

function cellText(value: string | number | null): string {
  if (value === null) return '';
  // Four significant digits: 0.7266, 0.0121, 2.2, 0.003.
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toPrecision(4)));
  return String(value);
}

/** The trials of a search, sortable by any column (click its header); a row opens the trial's config. */
// The order chosen stays while the search adds trials.
const trialsSort: SortState = { column: 2, descending: true };

function renderTrials(table: TrialsTable, host: HTMLElement): void {
  const draw = () => {
    const rows = [...table.rows].sort((a, b) => compareCells(a[trialsSort.column], b[trialsSort.column], trialsSort.descending));
    // A plain table: every row in the page's flow (no inner scrolling), cells as text.
    const element = document.createElement('table');
    element.className = 'text trials';
    const header = element.createTHead().insertRow();
    table.columns.forEach((name, c) => header.append(sortingHeaderCell(name, c, trialsSort, draw)));
    const body = element.createTBody();
    for (const row of rows) {
      const line = body.insertRow();
      line.dataset.trial = String(Number(row[0]) - 1);
      for (const value of row) line.insertCell().textContent = cellText(value);
      line.addEventListener('click', () => vscode.postMessage({ type: 'openTrial', trial: Number(row[0]) - 1 }));
    }
    host.replaceChildren(element);
  };
  draw();
}

/** A search plot names the field holding a point's trial (1-based); clicking such a point opens that trial. */
function openTrialOnClick(view: View, spec: Record<string, unknown>): void {
  const field = (spec.usermeta as { trialField?: unknown } | undefined)?.trialField;
  if (typeof field !== 'string') return;
  view.addEventListener('click', (_event, item) => {
    const value = item && item.mark.marktype === 'symbol' ? (item.datum as Record<string, unknown> | undefined)?.[field] : undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) vscode.postMessage({ type: 'openTrial', trial: value - 1 });
  });
}

/** A verdict under the title: a warning sign, its word in bold, the sentence (text only, never HTML). */
function verdictBadge(verdict: { badge: string; message: string }): HTMLElement {
  const box = document.createElement('div');
  box.className = 'verdict';
  const badge = document.createElement('b');
  badge.textContent = `\u26a0 ${verdict.badge}`;
  box.append(badge, document.createTextNode(verdict.message));
  return box;
}

/** The search's best trial: its CV score, the refit's test AUC, its parameters, and what to do with them. */
function bestTrialCard(best: BestTrialCard): HTMLElement {
  const card = document.createElement('div');
  card.className = 'best';
  const heading = document.createElement('b');
  heading.textContent = `Best trial${best.trial >= 0 ? ` ${best.trial + 1}` : ''}: CV ${best.scoring} ${cellText(best.score)} \u00b1 ${cellText(best.std)}${best.testAuc !== undefined ? `; refit test AUC ${cellText(best.testAuc)}` : ''}`;
  const params = document.createElement('div');
  params.textContent = Object.entries(best.params).map(([name, value]) => `${name} = ${value}`).join(', ');
  const tools = document.createElement('div');
  tools.className = 'tools';
  tools.append(
    toolButton('Apply to Config', async () => vscode.postMessage({ type: 'applyBest' })),
    toolButton('Train with These', async () => vscode.postMessage({ type: 'trainBest' })),
  );
  card.append(heading, params, tools);
  return card;
}

/** A table of text (cells set as text, never HTML). */
function textTable(table: TextTable): HTMLElement {
  const element = document.createElement('table');
  element.className = 'text';
  const head = element.createTHead().insertRow();
  for (const name of table.header) head.appendChild(document.createElement('th')).textContent = name;
  const body = element.createTBody();
  for (const row of table.rows) {
    const line = body.insertRow();
    for (const cell of row) line.insertCell().textContent = cell;
  }
  return element;
}

/** What stands above the plots (a trial's tools, text tables, the trials table), and what it was made from. */
let leadElements: HTMLElement[] = [];
let leadKey = '';

/** Puts the lead above the plots; an unchanged one is left alone (a live run rewrites its files often). */
function placeLead(message: Show, root: HTMLElement): void {
  const key = JSON.stringify([message.trial, message.tables, message.table]);
  if (key === leadKey && leadElements.every((element) => element.isConnected)) return;
  leadElements.forEach((element) => element.remove());
  const lead: HTMLElement[] = [];
  if (message.trial !== undefined) {
    const trial = message.trial;
    const tools = document.createElement('div');
    tools.className = 'tools';
    tools.append(toolButton('Open Trial Config', async () => vscode.postMessage({ type: 'openTrialConfig', trial })));
    lead.push(tools);
  }
  for (const table of message.tables ?? []) {
    const heading = document.createElement('h2');
    heading.textContent = table.title;
    lead.push(heading, textTable(table));
  }
  if (message.table) {
    const heading = document.createElement('h2');
    heading.textContent = 'Trials';
    const trials = document.createElement('div');
    trials.id = 'trials';
    lead.push(heading, trials);
    renderTrials(message.table, trials);
  }
  for (const element of [...lead].reverse()) root.prepend(element);
  leadElements = lead;
  leadKey = key;
}

interface DrawnPlot {
  shape: string;
  view: View;
  section: HTMLElement;
  heading: HTMLElement;
}

/** The plots on the page by id, kept between messages so that a newer spec of the same shape only swaps data. */
let drawn = new Map<string, DrawnPlot>();
/** The theme the plots were drawn in: a new one draws them anew in its colours. */
let drawnTheme = '';

async function drawPlot(id: string, title: string, spec: Record<string, unknown>, root: HTMLElement, config: Record<string, unknown>): Promise<DrawnPlot> {
  const section = document.createElement('section');
  section.dataset.plot = id;
  const heading = document.createElement('h2');
  heading.textContent = title;
  const target = document.createElement('div');
  target.className = 'plot';
  const tools = document.createElement('div');
  tools.className = 'tools';
  section.append(heading, target, tools);
  root.append(section);
  // The interpreter evaluates Vega expressions without eval, as the webview CSP requires.
  const { view } = await embed(target, withNamedData(spec) as never, { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter, config: config as never });
  openTrialOnClick(view, spec);
  tools.append(
    toolButton('Save SVG', async () => vscode.postMessage({ type: 'export', id, format: 'svg', data: await view.toSVG() })),
    toolButton('Save PNG', async () => vscode.postMessage({ type: 'export', id, format: 'png', data: await view.toImageURL('png', 2) })),
  );
  return { shape: shapeOf(spec), view, section, heading };
}

/** Puts a newer spec on the page: the drawn view updated in place when only its data changed. */
async function placePlot(id: string, title: string, spec: Record<string, unknown>, root: HTMLElement, config: Record<string, unknown>): Promise<DrawnPlot> {
  const old = drawn.get(id);
  if (old && old.shape === shapeOf(spec)) {
    const values = liveValues(spec);
    if (values) await old.view.change(LIVE_DATA, changeset().remove(() => true).insert(values)).runAsync();
    old.heading.textContent = title;
    root.append(old.section);
    return old;
  }
  old?.view.finalize();
  old?.section.remove();
  return drawPlot(id, title, spec, root, config);
}

function themeSignature(): string {
  return `${document.body.className}|${JSON.stringify(themeConfig())}`;
}

async function show(message: Show): Promise<void> {
  vscode.setState(message);
  document.getElementById('title')!.textContent = message.title;
  document.getElementById('subtitle')!.textContent = message.subtitle ?? '';
  const verdicts = document.getElementById('verdicts')!;
  verdicts.replaceChildren();
  for (const verdict of message.verdicts ?? []) verdicts.append(verdictBadge(verdict));
  if (message.best) verdicts.append(bestTrialCard(message.best));
  const root = document.getElementById('plots')!;
  // Failed plots' notes go; the drawn plots and an unchanged lead (tools, tables) stay as they are.
  const kept = new Set<Element>([...[...drawn.values()].map((plot) => plot.section), ...leadElements]);
  Array.from(root.children).forEach((element) => kept.has(element) || element.remove());
  placeLead(message, root);
  const theme = themeSignature();
  if (theme !== drawnTheme) {
    drawn.forEach((plot) => (plot.view.finalize(), plot.section.remove()));
    drawn = new Map();
    drawnTheme = theme;
  }
  const errors: string[] = [];
  const rows: Record<string, number> = {};
  const placed = new Map<string, DrawnPlot>();
  const config = themeConfig();
  for (const { id, title, spec } of message.specs) {
    try {
      const plot = await placePlot(id, title, spec, root, config);
      placed.set(id, plot);
      if (liveValues(spec)) {
        rows[id] = plot.view.data(LIVE_DATA).length;
        // Said at once: the rest of the page may take a while to draw.
        vscode.postMessage({ type: 'drawn', rows: { [id]: rows[id] } });
      }
    } catch (error) {
      const failed = document.createElement('section');
      failed.textContent = `Could not draw the plot "${title}": ${(error as Error).message}`;
      root.append(failed);
      errors.push((error as Error).message);
    }
  }
  drawn.forEach((plot, id) => placed.get(id) !== plot && (plot.view.finalize(), plot.section.remove()));
  drawn = placed;
  vscode.postMessage({ type: 'rendered', plots: placed.size, errors, rows, tables: (message.tables ?? []).map((t) => t.title) });
}

/** A theme switch redraws the page in the new colours (VS Code sets the body's class). */
function redrawOnThemeChange(): void {
  new MutationObserver(() => {
    const saved = vscode.getState();
    if (isShow(saved) && themeSignature() !== drawnTheme) void request(saved);
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

let pending: Show | undefined;
let showing = false;

/** Shows messages one at a time; of several that arrive while one is drawn, only the newest. */
async function request(message: Show): Promise<void> {
  pending = message;
  if (showing) return;
  showing = true;
  try {
    while (pending) {
      const next = pending;
      pending = undefined;
      await show(next);
    }
  } finally {
    showing = false;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isShow(event.data)) void request(event.data);
});
// A panel restored after a reload shows its last plots at once; the host then sends fresh ones.
const saved = vscode.getState();
if (isShow(saved)) void request(saved);
redrawOnThemeChange();
vscode.postMessage({ type: 'ready' });
