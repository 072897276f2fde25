// Browser half of the experiments table (host half: src/extension/experimentsTablePanel.ts):
// every run of the workspace, sortable by any column, filtered by a text, with a checkbox per
// row; Compare Runs and Diff Configs act on the rows ticked.
import type { ExperimentRow, HostToTable, TableToHost } from '../src/shared/webviewProtocol';
import { type Cell, compareCells, sortingHeaderCell, type SortState } from './sortableTable';

declare function acquireVsCodeApi(): { postMessage(message: TableToHost): void };
const vscode = acquireVsCodeApi();

const COLUMNS: { title: string; value: (row: ExperimentRow) => Cell }[] = [
  { title: 'run', value: (r) => r.id },
  { title: 'config', value: (r) => r.name },
  { title: 'kind', value: (r) => r.kind },
  { title: 'status', value: (r) => r.status },
  { title: 'verdict', value: (r) => r.verdicts.join(', ') },
  { title: 'differs from config', value: (r) => r.changed.join(', ') },
  { title: 'test AUC', value: (r) => r.auc },
  { title: 'KS p (sig)', value: (r) => r.ksSignal },
  { title: 'KS p (bkg)', value: (r) => r.ksBackground },
  { title: 'eff S @ B=0.01', value: (r) => r.signalEfficiencyAt001 },
  { title: 'eff S @ B=0.1', value: (r) => r.signalEfficiencyAt01 },
  { title: 'epochs', value: (r) => r.epochs },
  { title: 'seconds', value: (r) => (r.seconds === null ? null : Math.round(r.seconds)) },
];

let rows: ExperimentRow[] = [];
const selected = new Set<string>();
const sort: SortState = { column: 0, descending: true };
let filter = '';

function text(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return value < 0.001 ? value.toExponential(1) : String(Number(value.toPrecision(4)));
  return String(value);
}

function shownRows(): ExperimentRow[] {
  const wanted = filter.toLowerCase();
  const visible = rows.filter((r) => !wanted || COLUMNS.some((c) => text(c.value(r)).toLowerCase().includes(wanted)));
  const value = COLUMNS[sort.column].value;
  return visible.sort((a, b) => compareCells(value(a), value(b), sort.descending));
}

function headerRow(): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.append(document.createElement('th'));
  COLUMNS.forEach((column, c) => tr.append(sortingHeaderCell(column.title, c, sort, draw)));
  return tr;
}

function bodyRow(row: ExperimentRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.dir = row.dir;
  if (row.verdicts.length > 0) tr.className = 'warned';
  const pick = document.createElement('td');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = selected.has(row.dir);
  box.setAttribute('aria-label', `select ${row.id}`);
  box.addEventListener('change', () => {
    if (box.checked) selected.add(row.dir);
    else selected.delete(row.dir);
    updateButtons();
  });
  pick.append(box);
  tr.append(pick);
  for (const column of COLUMNS) {
    const td = document.createElement('td');
    td.textContent = text(column.value(row));
    tr.append(td);
  }
  tr.addEventListener('dblclick', () => vscode.postMessage({ type: 'open', dir: row.dir }));
  return tr;
}

function updateButtons(): void {
  const ticked = [...selected];
  (document.getElementById('compare') as HTMLButtonElement).disabled = ticked.length < 2;
  (document.getElementById('diff') as HTMLButtonElement).disabled = ticked.length !== 2;
  document.getElementById('count')!.textContent = `${rows.length} runs, ${ticked.length} selected`;
}

function draw(): void {
  const table = document.getElementById('runs')!;
  const head = document.createElement('thead');
  head.append(headerRow());
  const body = document.createElement('tbody');
  for (const row of shownRows()) body.append(bodyRow(row));
  table.replaceChildren(head, body);
  updateButtons();
}

document.getElementById('filter')!.addEventListener('input', (event) => {
  filter = (event.target as HTMLInputElement).value;
  draw();
});
document.getElementById('compare')!.addEventListener('click', () => vscode.postMessage({ type: 'compare', dirs: [...selected] }));
document.getElementById('diff')!.addEventListener('click', () => {
  const [a, b] = [...selected];
  vscode.postMessage({ type: 'diff', dirs: [a, b] });
});
window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToTable;
  if (message?.type !== 'rows' || !Array.isArray(message.rows)) return;
  rows = message.rows;
  const present = new Set(rows.map((r) => r.dir));
  for (const dir of [...selected]) if (!present.has(dir)) selected.delete(dir);
  draw();
});
vscode.postMessage({ type: 'ready' });
