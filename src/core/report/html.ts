import type { Diagnostics } from '../../shared/diagnostics';
import type { RunRecord } from '../../shared/run';
import { writeFileAtomic } from '../store/atomic';
import type { RunDirectory } from '../store/runStore';
import { diagnosticsSpecs, type NamedSpec } from './specs';
import { diagnosticsTables } from './tables';
import type { HtmlTable } from './htmlTable';
import { vegaScripts } from './vendor';
import { RUN } from '../store/runLayout';
import { vegaThemeConfig, type PlotColours } from '../../shared/vegaTheme';

/** The page's colours: the plots' (text, grid, background) and the page's own. */
interface PageColours extends PlotColours {
  muted: string;
  accent: string;
  error: string;
}

/** The report's light and dark colours (the page follows the reader's colour scheme). */
export const REPORT_COLOURS: Record<'light' | 'dark', PageColours> = {
  light: { text: '#222', grid: '#ddd', background: '#ffffff', muted: '#555', accent: '#1f77b4', error: '#b00' },
  dark: { text: '#d4d4d4', grid: '#444', background: '#1e1e1e', muted: '#aaa', accent: '#4c9be8', error: '#f48771' },
};

/** One scheme's colours as CSS custom properties (--text, --grid, ...). */
function cssVariables(colours: PageColours): string {
  return Object.entries(colours).map(([name, value]) => `--${name}: ${value};`).join(' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe to place inside a <script> element: no `</script>` or `<!--` can form. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function summaryRows(record: RunRecord, d: Diagnostics): [string, string][] {
  const rows: [string, string][] = [
    ['run', record.id],
    ['status', record.status],
    ['backend', record.backend ?? '-'],
    ['epochs', `${record.epochs ?? '-'} (best ${record.bestEpoch ?? '-'})`],
    ['seconds', record.seconds?.toFixed(1) ?? '-'],
  ];
  if (record.metrics) {
    rows.push(['test AUC', record.metrics.auc.toFixed(4)], ['test accuracy', record.metrics.accuracy.toFixed(4)], ['test loss', record.metrics.loss.toFixed(4)]);
  }
  if (record.ks) {
    rows.push(['KS signal (train vs test)', `D=${record.ks.signal.statistic.toFixed(4)}, p=${record.ks.signal.pValue.toPrecision(3)}`]);
    rows.push(['KS background (train vs test)', `D=${record.ks.background.statistic.toFixed(4)}, p=${record.ks.background.pValue.toPrecision(3)}`]);
  }
  if (d.trainSample) rows.push(['training events in the train-side plots', `a uniform sample of ${d.trainSample.events} of ${d.trainSample.of}`]);
  if (d.efficiency) {
    d.efficiency.backgroundEfficiencies.forEach((b, i) => {
      rows.push([`signal eff. at B=${b} (test / train)`, `${d.efficiency!.test[i].toFixed(4)} / ${d.efficiency!.train[i].toFixed(4)}`]);
    });
  }
  return rows;
}

export interface ReportPage {
  title: string;
  summary: [string, string][];
  specs: NamedSpec[];
  tables?: HtmlTable[];
}

function renderTable(table: HtmlTable): string {
  const head = table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<section><h2>${escapeHtml(table.title)}</h2><table class="grid"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

/** A self-contained HTML page: every script and spec inlined, so it opens offline. */
export function renderPage(page: ReportPage): string {
  const summary = page.summary.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const sections = page.specs
    .map((s) => `<section><h2>${escapeHtml(s.title)}</h2><div class="plot" id="plot-${escapeHtml(s.id)}"></div></section>`)
    .join('\n');
  const tables = (page.tables ?? []).map(renderTable).join('\n');
  const scripts = vegaScripts().map((code) => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>HEP ML Lab report: ${escapeHtml(page.title)}</title>
<style>
:root { ${cssVariables(REPORT_COLOURS.light)} }
@media (prefers-color-scheme: dark) {
  :root { ${cssVariables(REPORT_COLOURS.dark)} }
}
body { font-family: system-ui, sans-serif; margin: 24px; color: var(--text); background: var(--background); }
table { border-collapse: collapse; margin-bottom: 16px; }
th, td { text-align: left; padding: 3px 12px; border-bottom: 1px solid var(--grid); font-weight: normal; }
th { color: var(--muted); }
table.grid th { font-weight: bold; color: var(--text); }
section { margin: 24px 0; }
h2 { font-size: 1.1em; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
.error { color: var(--error); }
</style>
</head>
<body>
<h1>HEP ML Lab: ${escapeHtml(page.title)}</h1>
<table>${summary}</table>
${sections}
${tables}
${scripts}
<script type="application/json" id="specs">${jsonForScript(page.specs.map((s) => ({ id: s.id, spec: s.spec })))}</script>
<script type="application/json" id="themes">${jsonForScript({ light: vegaThemeConfig(REPORT_COLOURS.light), dark: vegaThemeConfig(REPORT_COLOURS.dark) })}</script>
<script>
const specs = JSON.parse(document.getElementById('specs').textContent);
// The plots in the reader's colour scheme, as the page around them.
const scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
document.documentElement.dataset.scheme = scheme;
const config = JSON.parse(document.getElementById('themes').textContent)[scheme];
for (const { id, spec } of specs) {
  const target = document.getElementById('plot-' + id);
  vegaEmbed(target, spec, { actions: false, renderer: 'svg', config }).catch((error) => {
    target.textContent = 'Could not draw this plot: ' + error.message;
    target.className = 'plot error';
  });
}
</script>
</body>
</html>
`;
}

/** The report of a trained run. */
export function renderReport(record: RunRecord, d: Diagnostics): string {
  return renderPage({ title: record.name, summary: summaryRows(record, d), specs: diagnosticsSpecs(d), tables: diagnosticsTables(d) });
}

/** Writes report.html into the run folder and returns its path. */
export function writeReport(run: RunDirectory, record: RunRecord, d: Diagnostics): string {
  const file = run.path(RUN.report);
  writeFileAtomic(file, renderReport(record, d));
  return file;
}
