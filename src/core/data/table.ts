/** A column to read from a source, and why (for error messages). */
export interface ColumnRequest {
  /** Column or branch name; `Jet_Px[0]` reads one element of a jagged branch. */
  name: string;
  role: 'feature' | 'weight' | 'label';
  /** `string` reads the values as text (labels); numbers otherwise. */
  kind: 'number' | 'string';
  /** For jagged elements: the value when the event has too few elements. */
  fill?: number;
}

/** Columns read from one source, each `entries` long. */
export interface RawColumns {
  entries: number;
  numbers: Map<string, Float64Array>;
  strings: Map<string, string[]>;
}

export interface ColumnInfo {
  name: string;
  type: string;
  /** For jagged branches: the branch holding the per-event count. */
  countBranch?: string;
}

export interface TableInfo {
  file: string;
  kind: 'csv' | 'root-tree';
  tree?: string;
  entries: number;
  columns: ColumnInfo[];
}

/** Splits `Jet_Px[0]` into the branch and the element index. */
export function parseElement(name: string): { branch: string; index?: number } {
  const match = /^(.+)\[(\d+)\]$/.exec(name);
  return match ? { branch: match[1], index: Number(match[2]) } : { branch: name };
}
