import type { HepmlConfig } from '../../shared/config';
import type { TrialRecord } from '../../shared/search';
import type { TrialsTable } from '../../shared/webviewProtocol';
import { applyPoint } from '../config/configPaths';
import { trialCollapsed } from '../verdicts/runVerdicts';
import { RunDirectory } from '../store/runStore';
import { RUN } from '../store/runLayout';
import { searchScoring } from '../config/resolveSearch';
import { infeasibleVerdict, shownStatus } from './trialStatus';

/** A search's trials as a table for its dashboard: one row per finished trial, its parameters as columns. */
export function trialsTable(config: HepmlConfig, trials: TrialRecord[]): TrialsTable {
  const names = Object.keys(config.search?.space ?? {});
  const scoring = searchScoring(config.search);
  // The scores are cross-validation means on the training events (the refit's test score is elsewhere).
  return {
    columns: ['trial', 'status', `CV ${scoring} (mean)`, 'CV std', ...names, 'seconds', 'verdict'],
    rows: trials.map((t) => [t.trial + 1, shownStatus(t), t.score ?? null, t.std ?? null, ...names.map((n) => t.params[n] ?? null), Number(t.seconds.toFixed(1)), trialVerdict(t, scoring)]),
  };
}

/** What the table's last column says of a trial: collapsed, where it was pruned, or which constraints it broke. */
function trialVerdict(trial: TrialRecord, scoring: string): string {
  if (trialCollapsed(trial, scoring)) return 'collapsed (AUC 0.5)';
  if (trial.pruned) return `pruned at fold ${trial.pruned.fold + 1}, epoch ${trial.pruned.epoch}`;
  return infeasibleVerdict(trial);
}

/** The config a trial trained: the run's frozen config with the trial's point applied. */
export function trialConfig(dir: string, trial: number): HepmlConfig | undefined {
  const run = new RunDirectory(dir);
  const record = run.readIfPresent(RUN.trials)?.find((t) => t.trial === trial);
  if (!record) return undefined;
  const config = run.read(RUN.config);
  // Without $schema: a relative schema path means nothing in an unsaved document.
  const applied = { ...applyPoint(config, Object.keys(record.params), Object.values(record.params)), name: `${config.name ?? 'trial'}-trial-${trial + 1}` };
  delete applied.$schema;
  return applied;
}
