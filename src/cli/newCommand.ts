import * as fs from 'node:fs';
import * as path from 'node:path';
import { draftConfig, unusedConfigPath } from '../core/config/draft';
import { writeFileAtomic } from '../core/store/atomic';
import { UserError } from '../core/util/errors';
import { requireArgument } from './requireArgument';

const USAGE = 'hepml new <data file> [--out FILE]';

/**
 * `hepml new <data file>`: a first config for the file, the same draft as the editor's New
 * Experiment (features, label, weight, trees, and what the first events call for). It is
 * written beside the current folder's configs under a name not taken; nothing is overwritten.
 */
export async function newCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const dataFile = path.resolve(requireArgument(positionals, 'the data file', USAGE));
  const out = flags.out as string | undefined;
  if (out !== undefined && fs.existsSync(out)) throw new UserError(`${out} exists; hepml new never overwrites a file: give another --out.`);
  if (out !== undefined && !out.endsWith('.hepml.json')) throw new UserError(`--out ${out}: a config's name ends in .hepml.json (the editor finds it by that).`);
  const folder = out === undefined ? process.cwd() : path.dirname(path.resolve(out));
  const draft = await draftConfig(dataFile, folder);
  const target = out === undefined ? unusedConfigPath(folder, draft.config.name ?? 'experiment') : path.resolve(out);
  writeFileAtomic(target, JSON.stringify(draft.config, null, 2) + '\n');
  for (const note of draft.notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}: ${draft.config.data.features.length} features; check it with hepml validate, then hepml train.\n`);
  return 0;
}
