import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedExecution } from '../../../shared/config';
import { writeFileAtomic } from '../../store/atomic';
import { appendAll } from '../../util/arrays';

/** Quotes a word for a POSIX shell. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Writes the batch script every trial job runs: the user's setup lines, then `hepml trial`. */
export function writeJobScript(runDir: string, execution: ResolvedExecution, cliScript: string): string {
  const file = path.join(runDir, 'slurm', 'trial.sh');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const node = execution.node ?? process.execPath;
  const lines = [
    '#!/usr/bin/env bash',
    `# Written by hepml: one trial of the search in this run folder per array task.`,
    'set -e',
    ...execution.setup,
    `exec ${shellQuote(node)} ${shellQuote(cliScript)} trial ${shellQuote(runDir)} "$SLURM_ARRAY_TASK_ID"`,
    '',
  ];
  writeFileAtomic(file, lines.join('\n'));
  fs.chmodSync(file, 0o755);
  return file;
}

/** sbatch arguments for an array of trials (array index = trial number) at most `maxConcurrent` at once. */
export function sbatchArguments(runDir: string, jobName: string, execution: ResolvedExecution, trials: number[], script: string): string[] {
  const limit = execution.maxConcurrentJobs;
  const args = [
    `--job-name=${jobName}`,
    `--array=${trials.join(',')}%${limit}`,
    `--output=${path.join(runDir, 'slurm', 'trial-%a-job-%A.out')}`,
    `--chdir=${runDir}`,
  ];
  if (execution.partition) args.push(`--partition=${execution.partition}`);
  if (execution.time) args.push(`--time=${execution.time}`);
  if (execution.cpusPerTask) args.push(`--cpus-per-task=${execution.cpusPerTask}`);
  if (execution.memory) args.push(`--mem=${execution.memory}`);
  if (execution.gres) args.push(`--gres=${execution.gres}`);
  if (execution.account) args.push(`--account=${execution.account}`);
  appendAll(args, execution.extraArgs).push(script);
  return args;
}
