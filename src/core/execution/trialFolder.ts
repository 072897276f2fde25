import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import type { FoldOutcome, IntermediateMetric } from '../../shared/workerProtocol';
import { writeJsonAtomic } from '../store/atomic';
import { parseJson } from '../store/jsonCodec';
import { TRIAL, TRIALS_FOLDER, type RunFile } from '../store/runLayout';

// A trial's folder in its search's run (trials/<n>/): each finished fold's whole outcome, and the
// files through which a batch job and the search driver share the trial on a shared filesystem.
// Each file is written whole to a temporary name and renamed, by one writer, so that any host
// reads a complete file or none; only the driver writes the journal.

/** What `hepml trial` needs to run a trial on a compute node. */
export interface TrialSpec {
  trial: number;
  config: HepmlConfig;
  configFile: string;
  workspace: string;
  k: number;
  /** Physics scores the search ranks by. */
  scorings?: string[];
  /** With a pruner: the score written after every epoch. */
  intermediate?: IntermediateMetric;
  /** With a KS constraint: each fold tests its output on trained against held-out events. */
  overtraining?: boolean;
}

/** Why the job gave up on the trial (its training failed; a user error stops the search). */
export interface TrialFailure {
  reason: string;
  userError: boolean;
  job?: string;
}

export function trialDirectory(runDir: string, trial: number): string {
  return path.join(runDir, TRIALS_FOLDER, String(trial));
}

const trialFile = (runDir: string, trial: number, file: RunFile<unknown>) => path.join(trialDirectory(runDir, trial), file.name);

function writeTrialFile(runDir: string, trial: number, file: RunFile<unknown>, value: unknown): void {
  fs.mkdirSync(trialDirectory(runDir, trial), { recursive: true });
  writeJsonAtomic(trialFile(runDir, trial, file), value);
}

export function writeFoldOutcome(runDir: string, trial: number, fold: number, outcome: FoldOutcome): void {
  writeTrialFile(runDir, trial, TRIAL.fold(fold), outcome);
}

/** A fold's outcome if it has finished (renamed into place whole, so unreadable means damaged: it runs again). */
export function readFoldOutcome(runDir: string, trial: number, fold: number): FoldOutcome | undefined {
  const file = trialFile(runDir, trial, TRIAL.fold(fold));
  if (!fs.existsSync(file)) return undefined;
  try {
    return parseJson<FoldOutcome>(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The folds of a trial finished so far (of `k`). */
export function readFoldOutcomes(runDir: string, trial: number, k: number): Map<number, FoldOutcome> {
  const outcomes = new Map<number, FoldOutcome>();
  for (let fold = 0; fold < k; fold++) {
    const outcome = readFoldOutcome(runDir, trial, fold);
    if (outcome) outcomes.set(fold, outcome);
  }
  return outcomes;
}

export function writeTrialSpec(runDir: string, spec: TrialSpec): void {
  writeTrialFile(runDir, spec.trial, TRIAL.spec, spec);
}

export function readTrialSpec(runDir: string, trial: number): TrialSpec | undefined {
  const file = trialFile(runDir, trial, TRIAL.spec);
  return fs.existsSync(file) ? parseJson<TrialSpec>(fs.readFileSync(file, 'utf8')) : undefined;
}

export function writeTrialFailure(runDir: string, trial: number, failure: TrialFailure): void {
  writeTrialFile(runDir, trial, TRIAL.failed, failure);
}

export function readTrialFailure(runDir: string, trial: number): TrialFailure | undefined {
  const file = trialFile(runDir, trial, TRIAL.failed);
  try {
    return fs.existsSync(file) ? parseJson<TrialFailure>(fs.readFileSync(file, 'utf8')) : undefined;
  } catch {
    return { reason: `${file} is unreadable`, userError: false };
  }
}

/** A fold's intermediate scores so far (written by the batch job after every epoch). */
export function writeIntermediate(runDir: string, trial: number, fold: number, values: number[]): void {
  writeTrialFile(runDir, trial, TRIAL.intermediate(fold), values);
}

export function readIntermediate(runDir: string, trial: number, fold: number): number[] {
  const file = trialFile(runDir, trial, TRIAL.intermediate(fold));
  try {
    return fs.existsSync(file) ? parseJson<number[]>(fs.readFileSync(file, 'utf8')) : [];
  } catch {
    return [];
  }
}

/** The driver pruned the trial: its batch job stops at its next epoch. */
export function requestPrune(runDir: string, trial: number, at: { fold: number; epoch: number }): void {
  writeTrialFile(runDir, trial, TRIAL.prune, at);
}

export function pruneRequested(runDir: string, trial: number): boolean {
  return fs.existsSync(trialFile(runDir, trial, TRIAL.prune));
}

/** Clears a failed attempt's note before the trial is submitted again. */
export function clearTrialFailure(runDir: string, trial: number): void {
  fs.rmSync(trialFile(runDir, trial, TRIAL.failed), { force: true });
}
