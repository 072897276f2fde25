import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig, SourceConfig } from '../../shared/config';
import type { DataWarning } from '../../shared/diagnostics';
import { readCsv } from '../data/csv';
import { loadEvents } from '../data/dataset';
import { screenEvents } from '../diagnostics/screen';
import { columnSummaries, type ColumnSummary } from './columnSummary';
import { resolveConfig } from './resolve';
import { inspectFileCached } from '../data/inspect';
import type { TableInfo } from '../data/table';

// A first config for a data file: the numeric columns proposed as features, the label, weight
// and signal/background trees guessed from their names, for New Experiment.

const NUMERIC_ROOT_TYPES = /^(F|D|I|i|L|l|S|s|B|b|O|float|double|int|long|short|char|bool|Float_t|Double_t|Int_t|Long64_t)/;
const LABEL_NAMES = /^(label|class|target|y|is_?signal|signal)$/i;
const WEIGHT_NAMES = /weight/i;
const ID_NAMES = /^(event_?id|eventnumber|event|id|index|run|lumi)$/i;
const SIGNAL_NAMES = /sig/i;
const BACKGROUND_NAMES = /bkg|back/i;

export interface ConfigDraft {
  config: HepmlConfig;
  /** Every numeric column or branch (the features proposed are those that are not label, weight or ids). */
  numericColumns: string[];
  /** What the first events made the draft propose, one sentence each (a missing-value marker, the robust scaler...). */
  notes: string[];
  /** Each numeric column's range, missing share and separation, for the feature picker (empty if the events could not be read). */
  columns: ColumnSummary[];
}

/** Events read per source for the draft's look at the data. */
const DRAFT_SAMPLE = 200_000;

function numericColumns(table: TableInfo): string[] {
  return table.columns.filter((c) => !c.countBranch && (table.kind === 'csv' ? c.type === 'number' : NUMERIC_ROOT_TYPES.test(c.type))).map((c) => c.name);
}

/** Label values to class names: s/b, 1/0 and signal/background are recognised; others map to themselves. */
function labelMap(values: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const v = value.trim().toLowerCase();
    map[value] = /^(s|sig|signal|1|1\.0|true)$/.test(v) ? 'signal' : /^(b|bkg|background|0|0\.0|false)$/.test(v) ? 'background' : value;
  }
  return map;
}

/** What the headers alone say: the table to read, its numeric columns, and the guessed roles. */
async function survey(dataFile: string) {
  const tables = await inspectFileCached(dataFile);
  const signalTree = tables.find((t) => t.tree && SIGNAL_NAMES.test(t.tree));
  const backgroundTree = tables.find((t) => t.tree && BACKGROUND_NAMES.test(t.tree));
  const table = signalTree ?? tables[0];
  const numeric = numericColumns(table);
  const weight = table.columns.find((c) => WEIGHT_NAMES.test(c.name))?.name;
  const labelColumn = signalTree && backgroundTree ? undefined : table.columns.find((c) => LABEL_NAMES.test(c.name))?.name;
  const features = numeric.filter((c) => c !== weight && c !== labelColumn && !ID_NAMES.test(c));
  return { table, signalTree, backgroundTree, numeric, weight, labelColumn, features };
}

/** The features a draft would propose (numeric columns that are not label, weight or ids), from the headers only. */
export async function proposedFeatures(dataFile: string): Promise<string[]> {
  return (await survey(dataFile)).features;
}

export async function draftConfig(dataFile: string, configDirectory: string): Promise<ConfigDraft> {
  const { table, signalTree, backgroundTree, numeric, weight, labelColumn, features } = await survey(dataFile);
  const relative = path.relative(configDirectory, dataFile).split(path.sep).join('/');
  const name = path.basename(dataFile).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'experiment';
  let sources: SourceConfig[];
  let label: HepmlConfig['data']['label'];
  if (signalTree && backgroundTree) {
    sources = [{ path: relative, tree: signalTree.tree, class: 'signal' }, { path: relative, tree: backgroundTree.tree, class: 'background' }];
  } else {
    sources = [{ path: relative, ...(table.tree ? { tree: table.tree } : {}) }];
    if (labelColumn && table.kind === 'csv') {
      const values = (await readCsv(dataFile, [{ name: labelColumn, role: 'label', kind: 'string' }])).strings.get(labelColumn) ?? [];
      label = { column: labelColumn, map: labelMap([...new Set(values)].slice(0, 20)) };
    } else if (labelColumn) {
      label = { column: labelColumn, map: { '1': 'signal', '0': 'background' } };
    }
  }
  const config: HepmlConfig = {
    name,
    data: { sources, features, ...(label ? { label } : {}), ...(weight ? { weight } : {}) },
    preprocessing: { scaler: 'standard' },
    model: { hidden: { layers: 2, units: 64, activation: 'relu', dropout: 0.1 } },
    training: { optimizer: 'adam', learningRate: 0.001, batchSize: 128, epochs: 30, ...(weight ? { useWeights: true } : {}) },
  };
  const notes = await adjustToData(config, dataFile, name);
  const columns = await columnSummaries(config, dataFile, numeric, DRAFT_SAMPLE).catch(() => []);
  return { config, numericColumns: numeric, notes, columns };
}

/**
 * Reads the first events as training would and adjusts the draft where they call for it: a
 * missing-value marker, the robust scaler for far outliers, class balancing for unequal weights,
 * and no feature that gives the answer away. Returns what it changed.
 */
async function adjustToData(config: HepmlConfig, dataFile: string, name: string): Promise<string[]> {
  const resolved = resolveConfig(config, name);
  let warnings: DataWarning[];
  try {
    const table = await loadEvents(resolved, resolved.data.sources.map(() => [dataFile]), { maxEntriesPerSource: DRAFT_SAMPLE });
    warnings = screenEvents(resolved, table);
  } catch {
    // The draft stays as the headers made it; validation will name the problem.
    return [];
  }
  const notes: string[] = [];
  const sentinel = warnings.find((w) => w.kind === 'sentinel' && w.value !== undefined);
  if (sentinel) {
    config.data.missing = { value: sentinel.value!, policy: 'median' };
    notes.push(`${sentinel.value} marks undefined values (e.g. in "${sentinel.feature}"): data.missing replaces them by the training median.`);
  }
  if (warnings.some((w) => w.kind === 'extreme')) {
    config.preprocessing = { scaler: 'robust' };
    notes.push(`some features have far outliers (${warnings.filter((w) => w.kind === 'extreme').map((w) => w.feature).join(', ')}): the robust scaler (median and IQR) is not stretched by them.`);
  }
  if (warnings.some((w) => w.kind === 'weights') || config.data.weight) {
    config.training = { ...config.training, classBalance: true };
    if (warnings.some((w) => w.kind === 'weights')) notes.push('the classes\' summed weights differ widely: training.classBalance gives each class the same total weight.');
  }
  const dropped = warnings.filter((w) => (w.kind === 'leakage' || w.kind === 'identifier') && w.feature !== undefined).map((w) => w.feature!);
  if (dropped.length > 0) {
    config.data.features = config.data.features.filter((f) => !dropped.includes(typeof f === 'string' ? f : f.name));
    notes.push(`left out ${dropped.map((f) => `"${f}"`).join(', ')}: ${warnings.find((w) => w.feature === dropped[0])!.message}`);
  }
  return notes;
}

/** A config file name in `folder` that does not exist yet: `<base>.hepml.json`, else `<base>-2.hepml.json`, ... */
export function unusedConfigPath(folder: string, base: string): string {
  let target = path.join(folder, `${base}.hepml.json`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(folder, `${base}-${n}.hepml.json`);
  return target;
}
