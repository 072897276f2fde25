import * as fs from 'node:fs';
import { UserError } from '../util/errors';
import { inspectCsv } from './csv';
import { sourceFormat } from './format';
import { inspectRoot } from './root';
import type { TableInfo } from './table';

/** The trees and branches, or the columns, of a data file. */
export async function inspectFile(file: string): Promise<TableInfo[]> {
  if (!fs.existsSync(file)) throw new UserError(`${file}: no such file.`);
  if (!fs.statSync(file).isFile()) throw new UserError(`${file}: is not a file.`);
  const format = sourceFormat(file);
  if (format === 'root') return inspectRoot(file);
  if (format === 'csv') return [inspectCsv(file)];
  throw new UserError(`${file}: unknown file type; hepml reads CSV (.csv, .tsv, .txt, .dat) and ROOT (.root) files.`);
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

/** inspectFile, remembered per version of the file. */
export function inspectFileCached(file: string): Promise<TableInfo[]> {
  let key: string;
  try {
    key = fileVersion(file);
  } catch {
    // Missing: inspectFile says so, uncached.
    return inspectFile(file);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const reading = inspectFile(file);
  reading.catch(() => cache.delete(key));
  cache.set(key, reading);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return reading;
}
