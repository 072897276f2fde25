import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FoldOutcome } from '../../shared/workerProtocol';
import { writeJsonAtomic } from '../store/atomic';
import { parseJson } from '../store/jsonCodec';

// A trial's folder in its search's run (`trials/<n>/`): each finished fold's whole outcome
// (scores, loss per epoch, binned held-out predictions) as `fold-<f>.json`, written by whoever
// ran the fold (the search driver, or a batch job on a cluster) to a temporary name and renamed.

export function trialDirectory(runDir: string, trial: number): string {
  return path.join(runDir, 'trials', String(trial));
}

const foldFile = (runDir: string, trial: number, fold: number) => path.join(trialDirectory(runDir, trial), `fold-${fold}.json`);

export function writeFoldOutcome(runDir: string, trial: number, fold: number, outcome: FoldOutcome): void {
  fs.mkdirSync(trialDirectory(runDir, trial), { recursive: true });
  writeJsonAtomic(foldFile(runDir, trial, fold), outcome);
}

/** The folds of a trial finished so far (of `k`). */
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
