import * as path from 'node:path';
import { readConfigText } from '../core/config/load';
import { parseConfig } from '../core/config/parse';
import { formatProblem } from '../core/config/problems';
import { dataProblems } from '../core/config/dataCheck';
import { requireArgument } from './requireArgument';
import { appendAll } from '../core/util/arrays';

export async function validateCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the config file', 'hepml validate <config>');
  const text = readConfigText(file);
  const parsed = parseConfig(text);
  const problems = [...parsed.problems];
  if (parsed.config) {
    appendAll(problems, await dataProblems(parsed.config, parsed.locate, path.resolve(file), { workspace: flags.workspace as string | undefined, readEvents: true }));
  }
  for (const problem of problems) process.stdout.write(formatProblem(file, problem) + (problem.severity === 'warning' ? ' (warning)' : '') + '\n');
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) process.stdout.write(`${file}: OK\n`);
  return errors > 0 ? 1 : 0;
}
