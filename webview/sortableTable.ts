// What the dashboard's trials table and the experiments table share: how cells sort, and a
// header cell that sorts by its column.

export type Cell = string | number | null;

/** Which column a table is sorted by, and which way. */
export interface SortState {
  column: number;
  descending: boolean;
}

/** Empty cells last; numbers by value, other cells as text; in the state's direction. */
export function compareCells(a: Cell, b: Cell, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

/** A header cell showing the sort arrow; a click sorts by its column (again: the other way) and redraws. */
export function sortingHeaderCell(title: string, column: number, sort: SortState, redraw: () => void): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.textContent = column === sort.column ? `${title} ${sort.descending ? '\u25BC' : '\u25B2'}` : title;
  cell.dataset.column = String(column);
  cell.addEventListener('click', () => {
    sort.descending = column === sort.column ? !sort.descending : true;
    sort.column = column;
    redraw();
  });
  return cell;
}
