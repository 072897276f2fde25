import * as fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { parseJson, stringifyJson } from './jsonCodec';

// An append-only journal of JSON records, one per line, each prefixed by the CRC-32 of its
// JSON so a torn or corrupted line is recognised. Every append is fsynced. Only one process
// (the search driver) appends; on a shared filesystem others write their own files.

function encode(record: unknown): string {
  const json = stringifyJson(record);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function decode(line: string): unknown {
  const match = /^([0-9a-f]{8}) (.*)$/.exec(line);
  if (!match || crc32(match[2]).toString(16).padStart(8, '0') !== match[1]) return undefined;
  try {
    return parseJson(match[2]);
  } catch {
    return undefined;
  }
}

export interface JournalContents<T> {
  records: T[];
  /** Bytes up to the end of the last intact record. */
  intactBytes: number;
  /** Lines that failed their check (a torn tail, or damage). */
  damagedLines: number;
}

/** Reads every intact record; a torn last line or damaged lines are skipped, never the records after them. */
export function readJournal<T>(file: string): JournalContents<T> {
  if (!fs.existsSync(file)) return { records: [], intactBytes: 0, damagedLines: 0 };
  const bytes = fs.readFileSync(file);
  const records: T[] = [];
  let intactBytes = 0;
  let damagedLines = 0;
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start);
    if (end < 0) {
      damagedLines++;
      break;
    }
    const record = decode(bytes.subarray(start, end).toString('utf8'));
    if (record === undefined) damagedLines++;
    else {
      records.push(record as T);
      intactBytes = end + 1;
    }
    start = end + 1;
  }
  return { records, intactBytes, damagedLines };
}

/** Appends records durably; opening cuts a torn tail so new records start on a clean line. */
export class JournalWriter<T> {
  private readonly fd: number;

  constructor(readonly file: string) {
    const { intactBytes } = readJournal<T>(file);
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    if (size > intactBytes) fs.truncateSync(file, intactBytes);
    this.fd = fs.openSync(file, 'a');
  }

  append(record: T): void {
    fs.writeSync(this.fd, encode(record));
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
