import type { HepmlConfig } from '../../shared/config';
import { RunDirectory } from '../store/runStore';
import { searchVerdicts, trainingVerdicts, type Verdict } from '../verdicts/runVerdicts';
import { RUN } from '../store/runLayout';
import { searchScoring } from '../config/resolveSearch';

function frozenConfig(run: RunDirectory): HepmlConfig | undefined {
  try {
    return run.read(RUN.config);
  } catch {
    return undefined;
  }
}

/**
 * The verdicts on a stored run: a training's, or a search's trials and its refit; none for a run
 * it cannot read. Fixes are worked out for `current` (the config as the editor has it now), else
 * for the config the run froze.
 */
export function verdictsOf(dir: string, current?: HepmlConfig): Verdict[] {
  const run = new RunDirectory(dir);
  try {
    const record = run.readRecord();
    const frozen = frozenConfig(run);
    const config = current ?? frozen;
    if (record.kind === 'train') return trainingVerdicts(record, config);
    if (record.kind !== 'search') return [];
    const trials = run.readIfPresent(RUN.trials) ?? [];
    const verdicts = searchVerdicts(trials, searchScoring(frozen?.search));
    const refit = run.refit();
    if (refit.has(RUN.record)) {
      for (const verdict of trainingVerdicts(refit.readRecord(), config)) verdicts.push({ ...verdict, message: `the refit of the best trial: ${verdict.message}` });
    }
    return verdicts;
  } catch {
    return [];
  }
}
