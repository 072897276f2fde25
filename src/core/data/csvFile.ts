import * as fs from 'node:fs';
import Papa from 'papaparse';
import { UserError } from '../util/errors';
import { splitLine, WHITESPACE } from './fastCsv';

// The shape of a CSV file from its first line: delimiter, column names and where the events
// start; and its body as blocks of whole lines, read in order without holding the file.

export type Delimiter = ',' | ';' | '\t' | 'whitespace';

/** What a source says about its CSV file. */
export interface CsvOptions {
  /** false: the first line is an event. Unset: a first line of numbers only is taken as an event. */
  header?: boolean;
  /** Column names (for a file without a header, or to rename its columns). */
  columns?: string[];
}

export interface CsvLayout {
  file: string;
  names: string[];
  delimiter: Delimiter;
  /** The delimiter's byte, or WHITESPACE for runs of blanks. */
  delimiterCode: number;
  /** Byte offset of the first event's line. */
  bodyStart: number;
  /** Line number (1-based) of that line. */
  bodyLine: number;
  /** The file has no header row: the names come from `columns` or are col0, col1, ... */
  headerless: boolean;
  /** Headerless because the first line held numbers only (the source did not say). */
  guessedHeaderless: boolean;
}

const QUOTE = 34;
const LF = 10;
const FIRST_READ = 1 << 16;
const MAX_HEADER = 1 << 24;
export const BLOCK_BYTES = 1 << 24;

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

/** Detects the delimiter from the first line: the most frequent of , ; tab, else runs of spaces. */
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

export function delimiterCode(delimiter: Delimiter): number {
  return delimiter === 'whitespace' ? WHITESPACE : delimiter.charCodeAt(0);
}

/** The fields of one line, honouring quotes when it has any. */
export function lineFields(line: string, delimiter: Delimiter): string[] {
  if (!line.includes('"') || delimiter === 'whitespace') return splitLine(line, delimiterCode(delimiter));
  const parsed = Papa.parse<string[]>(line, { delimiter });
  return (parsed.data[0] ?? []).map((name) => name.trim());
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function readHead(fd: number, size: number, file: string): Buffer {
  let length = Math.min(size, FIRST_READ);
  for (;;) {
    const head = Buffer.alloc(length);
    const read = fs.readSync(fd, head, 0, length, 0);
    if (head.subarray(0, read).includes(LF) || read >= size) return head.subarray(0, read);
    if (length >= MAX_HEADER) throw new UserError(`${file}: the first line is longer than ${MAX_HEADER} bytes; is this a CSV file?`);
    length = Math.min(size, length * 4);
  }
}

function columnNames(file: string, fields: string[], options: CsvOptions, headerless: boolean): string[] {
  const columns = options.columns;
  if (columns && columns.length !== fields.length) {
    throw new UserError(`${file}: "columns" names ${columns.length} column(s) but the first line has ${fields.length} field(s); name every column, in order.`);
  }
  if (columns) return columns;
  if (headerless) return fields.map((_, i) => `col${i}`);
  return fields;
}

/** Reads a CSV file's first line: its delimiter, column names, and where the events begin. */
export function csvLayout(file: string, options: CsvOptions = {}): CsvLayout {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new UserError(`${file}: cannot read the file.`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) throw new UserError(`${file}: the file is empty; a CSV needs a header row and events.`);
    const head = readHead(fd, size, file);
    if (head.subarray(0, 4096).includes(0)) throw new UserError(`${file}: this is not a text CSV file (it holds binary bytes).`);
    const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const newline = head.indexOf(LF, start);
    const lineEnd = newline < 0 ? head.length : newline + 1;
    const firstLine = head.subarray(start, lineEnd).toString('utf8').replace(/\r?\n$/, '');
    const delimiter = detectDelimiter(firstLine);
    const fields = lineFields(firstLine, delimiter);
    const guessedHeaderless = options.header === undefined && fields.length > 0 && fields.every(isNumber);
    const headerless = options.header === false || guessedHeaderless;
    return {
      file,
      names: columnNames(file, fields, options, headerless),
      delimiter,
      delimiterCode: delimiterCode(delimiter),
      bodyStart: headerless ? start : lineEnd,
      bodyLine: headerless ? 1 : 2,
      headerless,
      guessedHeaderless,
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** Whole lines of a file: bytes[0, end) of `bytes`, whose first line is the file's line `firstLine`. */
export interface LineBlock {
  bytes: Uint8Array;
  end: number;
  firstLine: number;
  /** The block holds a double quote: papaparse must read it. */
  quoted: boolean;
}

function linesIn(bytes: Uint8Array, end: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(LF); i >= 0 && i < end; i = bytes.indexOf(LF, i + 1)) lines++;
  return lines;
}

/** The body of a CSV file as blocks of whole lines (about BLOCK_BYTES each), in order. */
export async function* lineBlocks(layout: CsvLayout, blockBytes = BLOCK_BYTES): AsyncGenerator<LineBlock> {
  const handle = await fs.promises.open(layout.file, 'r');
  try {
    // Small files get a buffer of their size, not a whole block.
    const size = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(blockBytes, size - layout.bodyStart + 1)));
    let held = 0;
    let position = layout.bodyStart;
    let line = layout.bodyLine;
    for (;;) {
      if (held === buffer.length) {
        // One line longer than the block: grow it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, held);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, held, buffer.length - held, position);
      position += bytesRead;
      const filled = held + bytesRead;
      const atEnd = bytesRead === 0;
      if (filled === 0) return;
      const lastNewline = buffer.lastIndexOf(LF, filled - 1);
      const end = atEnd ? filled : lastNewline + 1;
      if (end > 0) {
        const bytes = buffer.subarray(0, filled);
        yield { bytes, end, firstLine: line, quoted: bytes.subarray(0, end).includes(QUOTE) };
        line += linesIn(bytes, end) + (atEnd && end > 0 && buffer[end - 1] !== LF ? 1 : 0);
        // The unfinished last line moves to the front for the next read.
        buffer.copy(buffer, 0, end, filled);
        held = filled - end;
      } else held = filled;
      if (atEnd) return;
    }
  } finally {
    await handle.close();
  }
}

/** An upper bound of a CSV file's events, from its line count (one fast pass over the bytes). */
export async function csvEventBound(layout: CsvLayout, blockBytes = BLOCK_BYTES): Promise<number> {
  const handle = await fs.promises.open(layout.file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(blockBytes);
    let lines = 0;
    let last = LF;
    for (let position = layout.bodyStart; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, blockBytes, position);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(LF); i >= 0 && i < bytesRead; i = buffer.indexOf(LF, i + 1)) lines++;
      last = buffer[bytesRead - 1];
      position += bytesRead;
    }
    // A last line without a newline is an event too.
    return lines + (last === LF ? 0 : 1);
  } finally {
    await handle.close();
  }
}
