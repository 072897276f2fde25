import * as fs from 'node:fs';
import Papa from 'papaparse';
import { UserError } from '../util/errors';
import { CellError, parseFastCsv, RaggedRowError } from './fastCsv';
import type { ColumnRequest, RawColumns, TableInfo } from './table';

export type Delimiter = ',' | ';' | '\t' | 'whitespace';

/** Counts a character outside double quotes. */
function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === char) count++;
  }
  return count;
}

/** Detects the delimiter from the header line: the most frequent of , ; tab, else runs of spaces. */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = 'whitespace';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t'] as const) {
    const count = countOutsideQuotes(headerLine, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function readBytes(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0) throw new UserError(`${file}: the file is empty; a CSV needs a header row and events.`);
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new UserError(`${file}: this is not a text CSV file (it holds binary bytes).`);
  }
  return bytes;
}

/** A CSV file read once: its bytes, header line and delimiter. */
interface CsvFile {
  bytes: Buffer;
  /** Past a UTF-8 byte-order mark. */
  start: number;
  headerEnd: number;
  headerLine: string;
  delimiter: Delimiter;
  /** Quote-free with a one-byte delimiter: the fast byte-level path applies. */
  simple: boolean;
}

function scanCsv(file: string): CsvFile {
  const bytes = readBytes(file);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const firstNewline = bytes.indexOf(10, start);
  const headerEnd = firstNewline < 0 ? bytes.length : firstNewline + 1;
  const headerLine = bytes.subarray(start, headerEnd).toString('utf8').replace(/\r?\n$/, '');
  const delimiter = detectDelimiter(headerLine);
  return { bytes, start, headerEnd, headerLine, delimiter, simple: delimiter !== 'whitespace' && !bytes.includes(34) };
}

function textOf(csv: CsvFile): string {
  return csv.bytes.subarray(csv.start).toString('utf8');
}

interface ParsedCsv {
  header: string[];
  rows: string[][];
  delimiter: Delimiter;
}

function parseWhitespace(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/));
}

function parseText(file: string, text: string): ParsedCsv {
  const firstLineEnd = text.search(/\r?\n/);
  const headerLine = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const delimiter = detectDelimiter(headerLine);
  let table: string[][];
  if (delimiter === 'whitespace') {
    table = parseWhitespace(text);
  } else {
    const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
    const fatal = result.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter');
    if (fatal) {
      const line = fatal.row === undefined ? '' : `:${fatal.row + 1}`;
      throw new UserError(`${file}${line}: ${fatal.message.replace(/\.$/, '')}; check the quotes on that row.`);
    }
    table = result.data;
  }
  if (table.length === 0) throw new UserError(`${file}: the file has no header row.`);
  const header = table[0].map((name) => name.trim());
  return { header, rows: table.slice(1), delimiter };
}

function describeColumns(file: string, parsed: ParsedCsv): TableInfo {
  return {
    file,
    kind: 'csv',
    entries: parsed.rows.length,
    columns: parsed.header.map((name, i) => ({
      name,
      type: parsed.rows.length > 0 && Number.isFinite(Number(parsed.rows[0][i])) ? 'number' : 'string',
    })),
  };
}

/** Lists a CSV file's columns and row count. */
export function inspectCsv(file: string): TableInfo {
  const csv = scanCsv(file);
  if (!csv.simple) return describeColumns(file, parseText(file, textOf(csv)));
  // Quote-free: rows are lines, so no need to parse the whole file (the editor asks often).
  const names = csv.headerLine.split(csv.delimiter).map((name) => name.trim());
  const body = csv.bytes.subarray(csv.headerEnd);
  let entries = 0;
  let lineStart = 0;
  let firstRow: string | undefined;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === 10) {
      const line = body.subarray(lineStart, i).toString('utf8').replace(/\r$/, '');
      if (line.trim() !== '') {
        entries++;
        firstRow ??= line;
      }
      lineStart = i + 1;
    }
  }
  const cells = firstRow?.split(csv.delimiter) ?? [];
  return { file, kind: 'csv', entries, columns: names.map((name, i) => ({ name, type: cells[i] !== undefined && Number.isFinite(Number(cells[i])) ? 'number' : 'string' })) };
}

/**
 * Reads the requested columns of a CSV file: numbers as Float64Array (non-numeric cells are an
 * error naming the line), text columns as strings.
 */
export function readCsv(file: string, requests: ColumnRequest[]): RawColumns {
  const csv = scanCsv(file);
  // Quote-free files with a one-byte delimiter take the fast byte-level path.
  if (csv.simple) return readFast(file, csv.bytes.subarray(csv.start), csv.delimiter, csv.headerLine, csv.headerEnd - csv.start, requests);
  return readGeneral(file, textOf(csv), requests);
}

function readFast(file: string, bytes: Uint8Array, delimiter: string, headerLine: string, headerEnd: number, requests: ColumnRequest[]): RawColumns {
  const header = headerLine.split(delimiter).map((name) => name.trim());
  const wanted = new Map<number, 'number' | 'string'>();
  for (const request of requests) {
    const index = header.indexOf(request.name);
    if (index < 0) throw new UserError(`${file}: no column "${request.name}" (${request.role}).`);
    wanted.set(index, request.kind);
  }
  let table;
  try {
    table = parseFastCsv(bytes, delimiter.charCodeAt(0), wanted, headerEnd, header);
  } catch (error) {
    if (error instanceof RaggedRowError) {
      throw new UserError(`${file}:${error.line}: row has ${error.fields} fields but the header has ${error.expected}; fix or remove that row.`);
    }
    if (error instanceof CellError) {
      const request = requests.find((r) => r.name === header[error.column])!;
      throw new UserError(`${file}:${error.line}: column "${request.name}" holds "${error.text}", not a finite number; ${request.role}s must be numbers (mark missing values with a sentinel and data.missing).`);
    }
    throw error;
  }
  if (table.rows === 0) throw new UserError(`${file}: the file has a header row but no events.`);
  const columns: RawColumns = { entries: table.rows, numbers: new Map(), strings: new Map() };
  for (const request of requests) {
    const index = header.indexOf(request.name);
    if (request.kind === 'string') columns.strings.set(request.name, table.strings.get(index)!);
    else columns.numbers.set(request.name, table.numbers.get(index)!);
  }
  return columns;
}

function readGeneral(file: string, text: string, requests: ColumnRequest[]): RawColumns {
  const parsed = parseText(file, text);
  const { header, rows } = parsed;
  if (rows.length === 0) throw new UserError(`${file}: the file has a header row but no events.`);
  rows.forEach((row, r) => {
    if (row.length !== header.length) {
      throw new UserError(`${file}:${r + 2}: row has ${row.length} fields but the header has ${header.length}; fix or remove that row.`);
    }
  });
  const columns: RawColumns = { entries: rows.length, numbers: new Map(), strings: new Map() };
  for (const request of requests) {
    const index = header.indexOf(request.name);
    if (index < 0) throw new UserError(`${file}: no column "${request.name}" (${request.role}).`);
    if (request.kind === 'string') {
      columns.strings.set(request.name, rows.map((row) => row[index].trim()));
      continue;
    }
    const values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r][index].trim();
      const value = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new UserError(`${file}:${r + 2}: column "${request.name}" holds "${cell}", not a finite number; ${request.role}s must be numbers (mark missing values with a sentinel and data.missing).`);
      }
      values[r] = value;
    }
    columns.numbers.set(request.name, values);
  }
  return columns;
}
