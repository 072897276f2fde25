import { inspectFile, type InspectOptions } from '../core/data/inspect';
import { UserError } from '../core/util/errors';
import { requireArgument } from './requireArgument';

const USAGE = 'hepml inspect <file> [--json] [--format csv|root|parquet] [--no-header]';

function inspectOptions(flags: Record<string, string | boolean | undefined>): InspectOptions {
  const format = flags.format as string | undefined;
  if (format !== undefined && !['csv', 'root', 'parquet'].includes(format)) throw new UserError(`--format ${format}: give csv, root or parquet; usage: ${USAGE}`);
  return { ...(format ? { format: format as InspectOptions['format'] } : {}), ...(flags['no-header'] === true ? { header: false } : {}) };
}

export async function inspectCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the data file', USAGE);
  const tables = await inspectFile(file, inspectOptions(flags));
  if (flags.json === true) {
    process.stdout.write(JSON.stringify(tables) + '\n');
    return 0;
  }
  for (const table of tables) {
    const title = table.kind === 'root-tree' ? `TTree "${table.tree}"` : table.kind === 'parquet' ? 'Parquet' : 'CSV';
    process.stdout.write(`${title}: ${table.entries} entries, ${table.columns.length} ${table.kind === 'root-tree' ? 'branches' : 'columns'}\n`);
    if (table.note) process.stdout.write(`note: ${table.note}\n`);
    const width = table.columns.reduce((w, c) => Math.max(w, c.name.length), 0);
    for (const column of table.columns) {
      const jagged = column.countBranch ? ` [${column.countBranch}]` : column.length ? ` [${column.length}]` : '';
      process.stdout.write(`  ${column.name.padEnd(width)}  ${column.type}${jagged}\n`);
    }
  }
  return 0;
}
