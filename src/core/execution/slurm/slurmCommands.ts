import { execFile } from 'node:child_process';
import { UserError } from '../../util/errors';

// sbatch, squeue and scancel, run without a shell (arguments are never interpreted).

const COMMAND_TIMEOUT_MS = 60_000;

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCommand(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new UserError(`${command} was not found on PATH: "execution": {"backend": "slurm"} needs a machine that can submit SLURM jobs (a login node), or set the backend to "local".`));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Submits a job array; returns the array's job id. */
export async function sbatch(args: string[]): Promise<string> {
  const result = await runCommand('sbatch', ['--parsable', ...args]);
  const id = /^(\d+)/.exec(result.stdout.trim())?.[1];
  if (result.code !== 0 || !id) {
    const why = result.stderr.trim().split('\n').pop() || `exit code ${result.code}`;
    throw new UserError(`sbatch refused the trials: ${why}; check the "execution" section (partition, time, memory, account).`);
  }
  return id;
}

/** A job's state as squeue tells it (PENDING, RUNNING, COMPLETED, CANCELLED, TIMEOUT, ...). */
export interface JobState {
  state: string;
  reason: string;
}

/** States of a job name's jobs, array tasks one by one, including recently ended ones; undefined when squeue fails. */
export async function squeue(jobName: string): Promise<Map<string, JobState> | undefined> {
  const result = await runCommand('squeue', ['--noheader', '--array', '--states=all', `--name=${jobName}`, '--format=%i|%T|%r']);
  if (result.code !== 0) return undefined;
  const states = new Map<string, JobState>();
  for (const line of result.stdout.split('\n')) {
    const [id, state, reason] = line.trim().split('|');
    if (id && state) states.set(id, { state, reason: reason ?? '' });
  }
  return states;
}

/** Cancels jobs (array tasks as `<array>_<index>`); jobs that already ended are no error. */
export async function scancel(jobs: string[]): Promise<void> {
  if (jobs.length === 0) return;
  await runCommand('scancel', jobs);
}

/** Cancels every job of a job name (a run's jobs when its driver is gone). */
export async function scancelByName(jobName: string): Promise<void> {
  await runCommand('scancel', [`--name=${jobName}`]);
}

/** Job states in which the job will not write anything more. */
export const ENDED_STATES = new Set([
  'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'PREEMPTED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'SPECIAL_EXIT', 'REVOKED',
]);
