import * as path from 'node:path';
import { stopSearch } from '../core/runs/stopSearch';
import { requireArgument } from './requireArgument';

/** `hepml stop <runDir>`: stops a search and the batch jobs it submitted. */
export async function stopCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const runDir = path.resolve(requireArgument(positionals, 'the run folder', 'hepml stop <runDir>'));
  const said = await stopSearch(runDir);
  if (flags.json === true) process.stdout.write(JSON.stringify({ runDir, stopped: said }) + '\n');
  else process.stdout.write(said + '\n');
  return 0;
}
