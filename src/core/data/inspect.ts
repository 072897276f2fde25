import * as fs from 'node:fs';
import type { SourceFormatName } from '../../shared/config';
import { UserError } from '../util/errors';
import { inspectCsv, type CsvOptions } from './csv';
import { sourceFormat } from './format';
import { parquetTable } from './parquet';
import { inspectRoot } from './root';
import type { TableInfo } from './table';

export interface InspectOptions extends CsvOptions {
  format?: SourceFormatName;
}

/** The trees and branches, or the columns, of a data file. */
export async function inspectFile(file: string, options: InspectOptions = {}): Promise<TableInfo[]> {
  if (!fs.existsSync(file)) throw new UserError(`${file}: no such file.`);
  if (!fs.statSync(file).isFile()) throw new UserError(`${file}: is not a file.`);
  const format = sourceFormat(file, options.format);
  if (format === 'root') return inspectRoot(file);
  if (format === 'parquet') return [await parquetTable(file)];
  if (format === 'csv') return [await inspectCsv(file, options)];
  throw new UserError(`${file}: unknown file type (not ROOT, Parquet or text); set "format" on the source if it is one of them.`);
}

// The editor asks for the same files' headers on every pause in typing and every code action:
// they are read once per version of a file (path, size, modification time), a few files at most.
const CACHE_SIZE = 16;
const cache = new Map<string, Promise<TableInfo[]>>();

/** A key that changes when the file does (path, size, modification time); throws if it is missing. */
export function fileVersion(file: string): string {
  const stat = fs.statSync(file);
  return `${file}\0${stat.size}\0${stat.mtimeMs}`;
}

/** inspectFile, remembered per version of the file (and the options read with). */
export function inspectFileCached(file: string, options: InspectOptions = {}): Promise<TableInfo[]> {
  let key: string;
  try {
    key = `${fileVersion(file)}\0${JSON.stringify(options)}`;
  } catch {
    // Missing: inspectFile says so, uncached.
    return inspectFile(file, options);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const reading = inspectFile(file, options);
  reading.catch(() => cache.delete(key));
  cache.set(key, reading);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return reading;
}
