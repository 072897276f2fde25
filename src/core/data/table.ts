export interface ColumnInfo {
  name: string;
  type: string;
  /** For jagged branches: the branch holding the per-event count. */
  countBranch?: string;
  /** For fixed-size array branches (`x[3]/F`): the values per entry. */
  length?: number;
}

export interface TableInfo {
  file: string;
  kind: 'csv' | 'root-tree' | 'parquet';
  tree?: string;
  entries: number;
  columns: ColumnInfo[];
  /** Something the reader had to guess, said to the user (e.g. a CSV without a header row). */
  note?: string;
}

/** Splits `Jet_Px[0]` into the branch and the element index. */
export function parseElement(name: string): { branch: string; index?: number } {
  const match = /^(.+)\[(\d+)\]$/.exec(name);
  return match ? { branch: match[1], index: Number(match[2]) } : { branch: name };
}
