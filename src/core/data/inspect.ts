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
