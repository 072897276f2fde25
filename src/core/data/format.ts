export type SourceFormat = 'csv' | 'root';

/** The reader a file needs, from its extension. */
export function sourceFormat(path: string): SourceFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.root')) return 'root';
  if (/\.(csv|tsv|txt|dat)$/.test(lower)) return 'csv';
  return undefined;
}
