import * as path from 'node:path';
import { runTrialJob } from '../core/execution/slurm/runTrialJob';
import { UserError } from '../core/util/errors';

const USAGE = 'hepml trial <runDir> <trial>';

/** `hepml trial <runDir> <trial>`: one trial of a search, as a batch job runs it on its node. */
export async function trialCommand(positionals: string[]): Promise<number> {
  if (positionals.length !== 2) throw new UserError(`expected a run folder and a trial number; usage: ${USAGE}`);
  const [runDir, text] = positionals;
  const trial = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(trial)) throw new UserError(`trial "${text}": give the trial's number (the job array index); usage: ${USAGE}`);
  const ok = await runTrialJob(path.resolve(runDir), trial, (line) => process.stdout.write(line + '\n'));
  return ok ? 0 : 1;
}
