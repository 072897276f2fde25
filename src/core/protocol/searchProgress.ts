import { PROGRESS_KEY, type SearchProgress } from '../../shared/searchProgress';
import { isPlainRecord } from './workerMessages';

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;
// JSON writes NaN (a degenerate fold's score) as null.
const score = (v: unknown): v is number | null => v === null || typeof v === 'number';
const text = (v: unknown): v is string => typeof v === 'string' && v.length < 10_000;

/** One line of `hepml search --events` output as a progress event, or undefined for any other line. */
export function parseSearchProgress(line: string): SearchProgress | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isPlainRecord(parsed) || Object.keys(parsed).length !== 1 || !isPlainRecord(parsed[PROGRESS_KEY])) return undefined;
  const e = parsed[PROGRESS_KEY];
  switch (e.type) {
    case 'planned':
      return count(e.folds) && count(e.candidates) && count(e.fits) && count(e.resumedTrials) ? { type: 'planned', folds: e.folds, candidates: e.candidates, fits: e.fits, resumedTrials: e.resumedTrials } : undefined;
    case 'foldDone':
      return count(e.trial) && count(e.fold) && score(e.score) && typeof e.seconds === 'number' ? { type: 'foldDone', trial: e.trial, fold: e.fold, score: e.score ?? NaN, seconds: e.seconds } : undefined;
    case 'foldRetried':
      return count(e.trial) && Number.isInteger(e.fold) && (e.fold as number) >= -1 && text(e.reason) ? { type: 'foldRetried', trial: e.trial, fold: e.fold as number, reason: e.reason } : undefined;
    case 'trialTold':
      return count(e.trial) && score(e.score) && score(e.std) ? { type: 'trialTold', trial: e.trial, score: e.score ?? NaN, std: e.std ?? NaN } : undefined;
    case 'trialFailed':
      return count(e.trial) && text(e.reason) ? { type: 'trialFailed', trial: e.trial, reason: e.reason } : undefined;
    case 'trialStarted':
      return count(e.trial) && isPlainRecord(e.params) && Object.values(e.params).every((v) => typeof v === 'number' || text(v)) ? { type: 'trialStarted', trial: e.trial, params: e.params as Record<string, number | string> } : undefined;
    case 'trialPruned':
      return count(e.trial) && count(e.fold) && count(e.epoch) && score(e.value) ? { type: 'trialPruned', trial: e.trial, fold: e.fold, epoch: e.epoch, value: e.value ?? NaN } : undefined;
    case 'refit':
      return { type: 'refit' };
    case 'summary':
      return count(e.completed) && count(e.failed) && count(e.pruned) && (e.bestTrial === null || count(e.bestTrial)) && score(e.bestScore) && typeof e.seconds === 'number'
        ? { type: 'summary', completed: e.completed, failed: e.failed, pruned: e.pruned, bestTrial: e.bestTrial, bestScore: e.bestScore, seconds: e.seconds }
        : undefined;
    default:
      return undefined;
  }
}

/** The line `hepml search --events` prints for an event. */
export function progressLine(event: SearchProgress): string {
  return JSON.stringify({ [PROGRESS_KEY]: event });
}
