import type { ResolvedSource } from '../../shared/config';
import { UserError } from '../util/errors';
import type { BranchRequest, ChunkSink } from '../expr/chunks';
import { streamCsv } from './csv';
import { csvEventBound, csvLayout } from './csvFile';
import { sourceFormat } from './format';
import { streamParquet, parquetTable } from './parquet';
import { rootTreeTable, streamRoot } from './root';
import type { TableInfo } from './table';

// One place that knows which reader a source's file needs.

function formatOf(source: ResolvedSource, file: string) {
  const format = sourceFormat(file, source.format);
  if (!format) throw new UserError(`${file}: cannot tell the file's format from its name or content; set "format" ("csv", "root" or "parquet") on the source.`);
  if (format === 'root' && source.tree === undefined) throw new UserError(`${file} is a ROOT file: give the source the TTree to read, e.g. "tree": "events" (hepml inspect ${file} lists them).`);
  return format;
}

/** The columns (names and shapes) a source's file offers, from its header or tree alone. */
export async function sourceTable(source: ResolvedSource, file: string): Promise<TableInfo> {
  const format = formatOf(source, file);
  if (format === 'root') return rootTreeTable(file, source.tree!);
  if (format === 'parquet') return parquetTable(file);
  const layout = csvLayout(file, source);
  return { file, kind: 'csv', entries: -1, columns: layout.names.map((name) => ({ name, type: 'number' })) };
}

/** An upper bound of a file's events before it is read: its tree's or Parquet file's count, a CSV's lines. */
export async function eventBound(source: ResolvedSource, file: string): Promise<number> {
  if (formatOf(source, file) === 'csv') return csvEventBound(csvLayout(file, source));
  return (await sourceTable(source, file)).entries;
}

/** Streams the requested columns of one file of a source; entries are numbered from `firstEntry`. */
export async function streamSource(source: ResolvedSource, file: string, requests: BranchRequest[], sink: ChunkSink, firstEntry: number): Promise<number> {
  const format = formatOf(source, file);
  if (format === 'root') return streamRoot(file, source.tree!, requests, sink, firstEntry);
  const offset: ChunkSink = (chunk) => sink({ ...chunk, firstEntry: chunk.firstEntry + firstEntry });
  if (format === 'parquet') return streamParquet(file, requests, offset);
  return streamCsv(file, source, requests, offset);
}
