import Papa from 'papaparse';
import { didYouMean } from '../util/didYouMean';
import { UserError } from '../util/errors';
import { emptyChunk, type BranchRequest, type ChunkSink } from '../expr/chunks';
import { csvLayout, lineBlocks, type CsvLayout, type CsvOptions, type LineBlock } from './csvFile';
import { CellError, countLines, parseFastBlock, RaggedRowError, type BlockTargets } from './fastCsv';
import { collectChunks, type RawColumns } from './rawColumns';
import type { TableInfo } from './table';

export { detectDelimiter, type CsvOptions } from './csvFile';

/** Parses a block holding quotes with papaparse (a quoted field may not span blocks). */
function parseQuotedBlock(layout: CsvLayout, block: LineBlock, targets: BlockTargets): number {
  const text = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.end).toString('utf8');
  const result = Papa.parse<string[]>(text, { delimiter: layout.delimiter, skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    const line = fatal.row === undefined ? '' : `:${block.firstLine + fatal.row}`;
    throw new UserError(`${layout.file}${line}: ${fatal.message.replace(/\.$/, '')}; check the quotes on that row.`);
  }
  result.data.forEach((row, r) => {
    const line = block.firstLine + r;
    if (row.length !== targets.expected) throw new RaggedRowError(line, row.length, targets.expected);
    for (const [column, values] of targets.numbers) {
      const text = row[column].trim();
      const value = text === '' ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new CellError(line, column, text);
      values[r] = value;
    }
    for (const [column, values] of targets.strings) values.push(row[column].trim());
  });
  return result.data.length;
}

function blockError(layout: CsvLayout, requests: BranchRequest[], error: unknown): unknown {
  if (error instanceof RaggedRowError) {
    return new UserError(`${layout.file}:${error.line}: row has ${error.fields} fields but the header has ${error.expected}; fix or remove that row.`);
  }
  if (error instanceof CellError) {
    const request = requests.find((r) => r.name === layout.names[error.column]);
    const role = request ? ` (${request.role})` : '';
    return new UserError(`${layout.file}:${error.line}: column "${layout.names[error.column]}"${role} holds "${error.text}", not a finite number; mark missing values with a number and data.missing.`);
  }
  return error;
}

function columnIndices(layout: CsvLayout, requests: BranchRequest[]): Map<string, number> {
  const indices = new Map<string, number>();
  for (const request of requests) {
    const index = layout.names.indexOf(request.name);
    if (index < 0) throw new UserError(`${layout.file}: no column "${request.name}" (${request.role}).${didYouMean(request.name, layout.names)}`);
    if (request.kind === 'jagged') throw new UserError(`${layout.file}: column "${request.name}" (${request.role}) holds one value per event; CSV files have no jagged columns.`);
    indices.set(request.name, index);
  }
  return indices;
}

/**
 * Reads the requested columns of a CSV file block by block (about 16 MB at a time), handing
 * each block's events to `sink`: memory is bounded by the columns kept, not the file.
 */
export async function streamCsv(file: string, options: CsvOptions, requests: BranchRequest[], sink: ChunkSink): Promise<number> {
  const layout = csvLayout(file, options);
  const indices = columnIndices(layout, requests);
  let entries = 0;
  for await (const block of lineBlocks(layout)) {
    const bound = countLines(block.bytes, 0, block.end);
    const targets: BlockTargets = { numbers: new Map(), strings: new Map(), expected: layout.names.length };
    for (const request of requests) {
      const index = indices.get(request.name)!;
      if (request.kind === 'string') targets.strings.set(index, []);
      else targets.numbers.set(index, new Float64Array(bound));
    }
    let rows: number;
    try {
      rows = block.quoted ? parseQuotedBlock(layout, block, targets) : parseFastBlock(block.bytes, 0, block.end, layout.delimiterCode, targets, block.firstLine);
    } catch (error) {
      throw blockError(layout, requests, error);
    }
    if (rows === 0) continue;
    const chunk = emptyChunk(rows, entries);
    for (const request of requests) {
      const index = indices.get(request.name)!;
      if (request.kind === 'string') chunk.strings.set(request.name, targets.strings.get(index)!);
      else chunk.numbers.set(request.name, targets.numbers.get(index)!.subarray(0, rows));
    }
    sink(chunk);
    entries += rows;
  }
  if (entries === 0) throw new UserError(`${file}: the file has a header row but no events.`);
  return entries;
}

/** Reads the requested columns of a CSV file whole (small files, tests and tools). */
export async function readCsv(file: string, requests: BranchRequest[], options: CsvOptions = {}): Promise<RawColumns> {
  return collectChunks(requests, (sink) => streamCsv(file, options, requests, sink));
}

/**
 * Lists a CSV file's columns and counts its events, checking that every row has a field per
 * column (a ragged row is named by its line).
 */
export async function inspectCsv(file: string, options: CsvOptions = {}): Promise<TableInfo> {
  const layout = csvLayout(file, options);
  let entries = 0;
  let firstRow: string[] | undefined;
  const targets: BlockTargets = { numbers: new Map(), strings: new Map(), expected: layout.names.length };
  for await (const block of lineBlocks(layout)) {
    if (!firstRow) {
      const probe: BlockTargets = { ...targets, strings: new Map(layout.names.map((_, i) => [i, []])) };
      const firstEnd = Math.min(block.end, block.bytes.indexOf(10) + 1 || block.end);
      try {
        if (block.quoted) parseQuotedBlock(layout, { ...block, end: firstEnd }, probe);
        else parseFastBlock(block.bytes, 0, firstEnd, layout.delimiterCode, probe, block.firstLine);
      } catch (error) {
        throw blockError(layout, [], error);
      }
      firstRow = layout.names.map((_, i) => probe.strings.get(i)![0]);
    }
    try {
      entries += block.quoted ? parseQuotedBlock(layout, block, targets) : parseFastBlock(block.bytes, 0, block.end, layout.delimiterCode, targets, block.firstLine);
    } catch (error) {
      throw blockError(layout, [], error);
    }
  }
  const columns = layout.names.map((name, i) => ({ name, type: firstRow?.[i] !== undefined && firstRow[i] !== '' && Number.isFinite(Number(firstRow[i])) ? 'number' : 'string' }));
  return { file, kind: 'csv', entries, columns, ...(layout.guessedHeaderless ? { note: `no header row (the first line holds numbers only): columns are named col0 to col${layout.names.length - 1}; set "header": false and "columns" on the source to name them.` } : {}) };
}
