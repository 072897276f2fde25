// Browser half of a dashboard (host half: src/extension/dashboardPanel.ts): draws the Vega-Lite
// specs the extension host sends, and reports back what it drew.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { HostToWebview, WebviewToHost } from '../src/shared/webviewProtocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToHost): void; setState(state: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();

function isShow(value: unknown): value is Extract<HostToWebview, { type: 'show' }> {
  const message = value as HostToWebview;
  return typeof value === 'object' && value !== null && message.type === 'show' && typeof message.title === 'string' && Array.isArray(message.specs);
}

async function show(message: Extract<HostToWebview, { type: 'show' }>): Promise<void> {
  document.getElementById('title')!.textContent = message.title;
  const root = document.getElementById('plots')!;
  root.replaceChildren();
  const errors: string[] = [];
  let plots = 0;
  for (const { title, spec } of message.specs) {
    const heading = document.createElement('h2');
    heading.textContent = title;
    const target = document.createElement('div');
    target.className = 'plot';
    root.append(heading, target);
    try {
      // The interpreter evaluates Vega expressions without eval, as the webview CSP requires.
      await embed(target, spec as never, { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter });
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
vscode.postMessage({ type: 'ready' });
