import { inspectFile } from '../core/data/inspect';
import { requireArgument } from './requireArgument';

export async function inspectCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the data file', 'hepml inspect <file> [--json]');
  const tables = await inspectFile(file);
  if (flags.json === true) {
    process.stdout.write(JSON.stringify(tables) + '\n');
    return 0;
  }
  for (const table of tables) {
    const title = table.kind === 'root-tree' ? `TTree "${table.tree}"` : 'CSV';
    process.stdout.write(`${title}: ${table.entries} entries, ${table.columns.length} ${table.kind === 'csv' ? 'columns' : 'branches'}\n`);
    const width = Math.max(...table.columns.map((c) => c.name.length));
    for (const column of table.columns) {
      const jagged = column.countBranch ? ` [${column.countBranch}]` : '';
      process.stdout.write(`  ${column.name.padEnd(width)}  ${column.type}${jagged}\n`);
    }
  }
  return 0;
}
