import * as fs from 'node:fs';

export type SourceFormat = 'csv' | 'root' | 'parquet';

/** The file name endings read without a `format` field. */
export const CSV_ENDINGS = ['.csv', '.tsv', '.txt', '.dat'];

/** The reader a file name asks for, from its ending. */
export function formatFromName(path: string): SourceFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.root')) return 'root';
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return 'parquet';
  if (CSV_ENDINGS.some((ending) => lower.endsWith(ending))) return 'csv';
  return undefined;
}

/** The reader a file's first bytes ask for: ROOT and Parquet by their signatures, text as CSV. */
export function formatFromContent(file: string): SourceFormat | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const start = head.subarray(0, n);
    if (start.subarray(0, 4).toString('latin1') === 'root') return 'root';
    if (start.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
    return n > 0 && !start.includes(0) ? 'csv' : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The source's `format` if given, else the file's ending, else its content. */
export function sourceFormat(path: string, format?: SourceFormat): SourceFormat | undefined {
  return format ?? formatFromName(path) ?? formatFromContent(path);
}
