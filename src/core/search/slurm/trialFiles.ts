import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig } from '../../../shared/config';
import type { FoldOutcome } from '../../../shared/workerProtocol';
import { writeJsonAtomic } from '../../store/atomic';
import { parseJson } from '../../store/jsonCodec';

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
}

/** Why the job gave up on the trial (its training failed; a user error stops the search). */
export interface TrialFailure {
  reason: string;
  userError: boolean;
  job?: string;
}

export function trialDirectory(runDir: string, trial: number): string {
  return path.join(runDir, 'trials', String(trial));
}

const specFile = (runDir: string, trial: number) => path.join(trialDirectory(runDir, trial), 'spec.json');
const foldFile = (runDir: string, trial: number, fold: number) => path.join(trialDirectory(runDir, trial), `fold-${fold}.json`);
const failureFile = (runDir: string, trial: number) => path.join(trialDirectory(runDir, trial), 'failed.json');

export function writeTrialSpec(runDir: string, spec: TrialSpec): void {
  fs.mkdirSync(trialDirectory(runDir, spec.trial), { recursive: true });
  writeJsonAtomic(specFile(runDir, spec.trial), spec);
}

export function readTrialSpec(runDir: string, trial: number): TrialSpec | undefined {
  const file = specFile(runDir, trial);
  return fs.existsSync(file) ? parseJson<TrialSpec>(fs.readFileSync(file, 'utf8')) : undefined;
}

export function writeFoldOutcome(runDir: string, trial: number, fold: number, outcome: FoldOutcome): void {
  writeJsonAtomic(foldFile(runDir, trial, fold), outcome);
}

/** The folds of a trial that its jobs have finished so far. */
export function readFoldOutcomes(runDir: string, trial: number, k: number): Map<number, FoldOutcome> {
  const outcomes = new Map<number, FoldOutcome>();
  for (let fold = 0; fold < k; fold++) {
    const file = foldFile(runDir, trial, fold);
    if (!fs.existsSync(file)) continue;
    try {
      outcomes.set(fold, parseJson<FoldOutcome>(fs.readFileSync(file, 'utf8')));
    } catch {
      // Renamed into place whole, so unreadable means damaged: the fold runs again.
    }
  }
  return outcomes;
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
