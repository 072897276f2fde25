import * as fs from 'node:fs';
import type { SearchSummary, TrialRecord } from '../../shared/search';
import type { BestTrialCard } from '../../shared/webviewProtocol';
import { parseJson } from '../store/jsonCodec';
import { RunDirectory } from '../store/runStore';

/** A finished search's best trial for its dashboard's card (undefined for other runs, or before search.json). */
export function bestTrialCard(dir: string): BestTrialCard | undefined {
  const run = new RunDirectory(dir);
  try {
    if (run.readRecord().kind !== 'search' || !fs.existsSync(run.file('search.json'))) return undefined;
    const summary = parseJson<SearchSummary>(fs.readFileSync(run.file('search.json'), 'utf8'));
    if (!summary.best) return undefined;
    const trials = fs.existsSync(run.file('trials.json')) ? run.readJson<TrialRecord[]>('trials.json') : [];
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(b).every((key) => a[key] === b[key]);
    const trial = trials.find((t) => t.score === summary.best!.score && same(t.params, summary.best!.params))?.trial ?? -1;
    const config = parseJson<{ search?: { scoring?: string } }>(fs.readFileSync(run.file('config.json'), 'utf8'));
    return {
      trial,
      scoring: config.search?.scoring ?? 'auc',
      score: summary.best.score,
      std: summary.best.std,
      params: summary.best.params as BestTrialCard['params'],
      ...(summary.test ? { testAuc: summary.test.auc } : {}),
    };
  } catch {
    return undefined;
  }
}
