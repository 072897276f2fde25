import type { HepmlConfig } from '../../shared/config';
import type { SearchSummary } from '../../shared/search';
import { applyPoint } from '../config/configPaths';
import type { LoadedConfig } from '../config/load';
import { resolveConfig } from '../config/resolve';
import type { Point } from '../search/space';
import { REFIT_FOLDER } from '../store/runLayout';
import { createChildRunDirectory, type RunDirectory } from '../store/runStore';
import { trainExperiment } from './trainExperiment';

/** Retrains the best point on the whole training set (scikit-learn's refit) and tests it, in the search's refit/ folder. */
export async function refitBest(loaded: LoadedConfig, run: RunDirectory, names: string[], point: Point): Promise<NonNullable<SearchSummary['test']>> {
  const bestConfig = applyPoint(loaded.raw as HepmlConfig, names, point);
  const text = JSON.stringify(bestConfig, null, 2);
  const refitLoaded: LoadedConfig = { ...loaded, raw: bestConfig, text, config: resolveConfig(bestConfig, `${loaded.config.name}-best`) };
  const summary = await trainExperiment(refitLoaded, {}, createChildRunDirectory(run, REFIT_FOLDER, text));
  return { ...summary.metrics, runDir: summary.runDir };
}
