import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig } from '../../../shared/config';
import { writeJsonAtomic } from '../../store/atomic';
import { parseJson } from '../../store/jsonCodec';
import { trialDirectory } from '../trialFolds';
import { TRIAL } from '../../store/runLayout';

// The files through which a batch job and the search driver share a trial on a shared
// filesystem. Each is written whole to a temporary name and renamed, by one writer, so that
// any host reads a complete file or none; only the driver writes the journal.

/** What `hepml trial` needs to run a trial on a compute node. */
export interface TrialSpec {
  trial: number;
  config: HepmlConfig;
  configFile: string;
  workspace: string;
  k: number;
  /** Physics scores the search ranks by. */
  scorings?: string[];
}

/** Why the job gave up on the trial (its training failed; a user error stops the search). */
export interface TrialFailure {
  reason: string;
  userError: boolean;
  job?: string;
}

const specFile = (runDir: string, trial: number) => path.join(trialDirectory(runDir, trial), TRIAL.spec.name);
const failureFile = (runDir: string, trial: number) => path.join(trialDirectory(runDir, trial), TRIAL.failed.name);

export function writeTrialSpec(runDir: string, spec: TrialSpec): void {
  fs.mkdirSync(trialDirectory(runDir, spec.trial), { recursive: true });
  writeJsonAtomic(specFile(runDir, spec.trial), spec);
}

export function readTrialSpec(runDir: string, trial: number): TrialSpec | undefined {
  const file = specFile(runDir, trial);
  return fs.existsSync(file) ? parseJson<TrialSpec>(fs.readFileSync(file, 'utf8')) : undefined;
}

export function writeTrialFailure(runDir: string, trial: number, failure: TrialFailure): void {
  writeJsonAtomic(failureFile(runDir, trial), failure);
}

export function readTrialFailure(runDir: string, trial: number): TrialFailure | undefined {
  const file = failureFile(runDir, trial);
  try {
    return fs.existsSync(file) ? parseJson<TrialFailure>(fs.readFileSync(file, 'utf8')) : undefined;
  } catch {
    return { reason: `${file} is unreadable`, userError: false };
  }
}

/** Clears a failed attempt's note before the trial is submitted again. */
export function clearTrialFailure(runDir: string, trial: number): void {
  fs.rmSync(failureFile(runDir, trial), { force: true });
}
