// Browser half of a dashboard: draws the Vega-Lite specs the extension host sends.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

interface ShowMessage {
  type: 'show';
  specs: { id: string; title: string; spec: Record<string, unknown> }[];
}

function isShowMessage(value: unknown): value is ShowMessage {
  const message = value as ShowMessage;
  return typeof value === 'object' && value !== null && message.type === 'show' && Array.isArray(message.specs);
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!isShowMessage(event.data)) return;
  const root = document.getElementById('plots')!;
  root.replaceChildren();
  for (const { title, spec } of event.data.specs) {
    const heading = document.createElement('h2');
    heading.textContent = title;
    const target = document.createElement('div');
    root.append(heading, target);
    // The interpreter evaluates Vega expressions without eval, as the webview CSP requires.
    embed(target, spec as never, { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter }).catch((error: Error) => {
      target.textContent = `Could not draw this plot: ${error.message}`;
    });
  }
});
