import type { TrialRecord } from '../../shared/search';

/** A trial's status as plots and tables show it: a completed trial that broke a constraint is infeasible. */
export function shownStatus(trial: TrialRecord): TrialRecord['status'] | 'infeasible' {
  return trial.status === 'completed' && trial.violations?.length ? 'infeasible' : trial.status;
}

/** Completed trials with a score that kept every constraint: those that can be best. */
export function rankable(trials: TrialRecord[]): TrialRecord[] {
  return trials.filter((t) => shownStatus(t) === 'completed' && Number.isFinite(t.score));
}

/** What a trial broke, in words ("infeasible: KS p-value 0.003 < ksPValueMin 0.05"); empty when it kept every constraint. */
export function infeasibleVerdict(trial: TrialRecord): string {
  return trial.violations?.length ? `infeasible: ${trial.violations.join('; ')}` : '';
}
