// Browser half of a dashboard (host half: src/extension/dashboardPanel.ts): draws the Vega-Lite
// specs the extension host sends in VS Code's theme colours, offers each plot as SVG or PNG,
// keeps what it shows in the webview state (restored when the panel comes back), and reports
// back what it drew.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import embed from 'vega-embed';
import type { View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { HostToWebview, TrialsTable, WebviewToHost } from '../src/shared/webviewProtocol';

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
  const text = colour('--vscode-editor-foreground', '#333');
  const grid = colour('--vscode-editorWidget-border', '#ddd');
  return {
    background: colour('--vscode-editor-background', 'white'),
    axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: text, tickColor: text },
    legend: { labelColor: text, titleColor: text },
    title: { color: text },
    header: { labelColor: text, titleColor: text },
    view: { stroke: grid },
  };
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
function renderTrials(table: TrialsTable, host: HTMLElement): void {
  let column = 2;
  let descending = true;
  const draw = () => {
    const rows = [...table.rows].sort((a, b) => {
      const x = a[column];
      const y = b[column];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    const element = document.createElement('vscode-table');
    element.setAttribute('zebra', '');
    element.setAttribute('bordered-columns', '');
    const header = document.createElement('vscode-table-header');
    header.slot = 'header';
    table.columns.forEach((name, c) => {
      const cell = document.createElement('vscode-table-header-cell');
      cell.textContent = c === column ? `${name} ${descending ? '\u25BC' : '\u25B2'}` : name;
      cell.dataset.column = String(c);
      cell.addEventListener('click', () => {
        descending = c === column ? !descending : true;
        column = c;
        draw();
      });
      header.append(cell);
    });
    const body = document.createElement('vscode-table-body');
    body.slot = 'body';
    for (const row of rows) {
      const line = document.createElement('vscode-table-row');
      line.dataset.trial = String(Number(row[0]) - 1);
      for (const value of row) {
        const cell = document.createElement('vscode-table-cell');
        cell.textContent = cellText(value);
        line.append(cell);
      }
      line.addEventListener('click', () => vscode.postMessage({ type: 'openTrial', trial: Number(row[0]) - 1 }));
      line.style.cursor = 'pointer';
      body.append(line);
    }
    element.append(header, body);
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

async function show(message: Show): Promise<void> {
  vscode.setState(message);
  document.getElementById('title')!.textContent = message.title;
  const root = document.getElementById('plots')!;
  root.replaceChildren();
  if (message.trial !== undefined) {
    const trial = message.trial;
    const tools = document.createElement('div');
    tools.className = 'tools';
    tools.append(toolButton('Open Trial Config', async () => vscode.postMessage({ type: 'openTrialConfig', trial })));
    root.append(tools);
  }
  if (message.table) {
    const heading = document.createElement('h2');
    heading.textContent = 'Trials';
    const trials = document.createElement('div');
    trials.id = 'trials';
    root.append(heading, trials);
    renderTrials(message.table, trials);
  }
  const errors: string[] = [];
  let plots = 0;
  const config = themeConfig();
  for (const { id, title, spec } of message.specs) {
    const heading = document.createElement('h2');
    heading.textContent = title;
    const target = document.createElement('div');
    target.className = 'plot';
    const tools = document.createElement('div');
    tools.className = 'tools';
    root.append(heading, target, tools);
    try {
      // The interpreter evaluates Vega expressions without eval, as the webview CSP requires.
      const { view } = await embed(target, spec as never, { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter, config: config as never });
      openTrialOnClick(view, spec);
      tools.append(
        toolButton('Save SVG', async () => vscode.postMessage({ type: 'export', id, format: 'svg', data: await view.toSVG() })),
        toolButton('Save PNG', async () => vscode.postMessage({ type: 'export', id, format: 'png', data: await view.toImageURL('png', 2) })),
      );
      plots++;
    } catch (error) {
      target.textContent = `Could not draw this plot: ${(error as Error).message}`;
      errors.push((error as Error).message);
    }
  }
  vscode.postMessage({ type: 'rendered', plots, errors });
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isShow(event.data)) void show(event.data);
});
// A panel restored after a reload shows its last plots at once; the host then sends fresh ones.
const saved = vscode.getState();
if (isShow(saved)) void show(saved);
vscode.postMessage({ type: 'ready' });
