import type { BestTrialCard } from '../../shared/webviewProtocol';
import { RunDirectory } from '../store/runStore';
import { RUN } from '../store/runLayout';
import { searchScoring } from '../config/resolveSearch';

/** A finished search's best trial for its dashboard's card (undefined for other runs, or before search.json). */
export function bestTrialCard(dir: string): BestTrialCard | undefined {
  const run = new RunDirectory(dir);
  try {
    if (run.readRecord().kind !== 'search' || !run.has(RUN.search)) return undefined;
    const summary = run.read(RUN.search);
    if (!summary.best) return undefined;
    const trials = run.readIfPresent(RUN.trials) ?? [];
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(b).every((key) => a[key] === b[key]);
    const trial = trials.find((t) => t.score === summary.best!.score && same(t.params, summary.best!.params))?.trial ?? -1;
    const config = run.read(RUN.config);
    return {
      trial,
      scoring: searchScoring(config.search),
      score: summary.best.score,
      std: summary.best.std,
      params: summary.best.params as BestTrialCard['params'],
      ...(summary.test ? { testAuc: summary.test.auc } : {}),
    };
  } catch {
    return undefined;
  }
}
