// Browser half of a dashboard (host half: src/extension/dashboardPanel.ts): draws the Vega-Lite
// specs the extension host sends in VS Code's theme colours, offers each plot as SVG or PNG,
// keeps what it shows in the webview state (restored when the panel comes back), and reports
// back what it drew.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { HostToWebview, WebviewToHost } from '../src/shared/webviewProtocol';

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

function exportButton(label: string, onClick: () => Promise<void>): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = label;
  button.className = 'export';
  button.addEventListener('click', () => void onClick());
  return button;
}

async function show(message: Show): Promise<void> {
  vscode.setState(message);
  document.getElementById('title')!.textContent = message.title;
  const root = document.getElementById('plots')!;
  root.replaceChildren();
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
      tools.append(
        exportButton('Save SVG', async () => vscode.postMessage({ type: 'export', id, format: 'svg', data: await view.toSVG() })),
        exportButton('Save PNG', async () => vscode.postMessage({ type: 'export', id, format: 'png', data: await view.toImageURL('png', 2) })),
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
