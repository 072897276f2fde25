import type { Diagnostics } from '../../shared/diagnostics';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import { dataDiagnostics } from '../diagnostics/compute';
import { processPlots } from '../diagnostics/processes';
import { screenEvents } from '../diagnostics/screen';

export interface ClassSummary {
  name: string;
  events: number;
  /** Sum of event weights (events when the config names no weight column). */
  weight: number;
  /** Events holding the missing-value marker in at least one feature. */
  withMissing: number;
}

export interface Exploration {
  diagnostics: Diagnostics;
  classes: ClassSummary[];
  features: number;
  seconds: number;
}

/** The config's data before any training: per-class counts and weights, feature distributions, correlations. */
export async function exploreData(loaded: LoadedConfig): Promise<Exploration> {
  const started = performance.now();
  const { config } = loaded;
  const table = await loadConfigEvents(loaded);
  const marker = config.data.missing?.value;
  const classes = table.classes.map((name) => ({ name, events: 0, weight: 0, withMissing: 0 }));
  for (let i = 0; i < table.size; i++) {
    const summary = classes[table.labels[i]];
    summary.events++;
    summary.weight += table.weights[i];
    if (marker !== undefined && table.columns.some((column) => column[i] === marker)) summary.withMissing++;
  }
  const diagnostics = dataDiagnostics(table, config.data.weighted, table.classes[0], marker);
  diagnostics.warnings = screenEvents(config, table);
  diagnostics.samples = table.samples;
  diagnostics.processes = processPlots(table, undefined, undefined, marker);
  return { diagnostics, classes, features: table.featureNames.length, seconds: (performance.now() - started) / 1000 };
}
