import * as path from 'node:path';
import type { HepmlConfig, SourceConfig } from '../../shared/config';
import { readCsv } from '../data/csv';
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
}

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
      const values = readCsv(dataFile, [{ name: labelColumn, role: 'label', kind: 'string' }]).strings.get(labelColumn) ?? [];
      label = { column: labelColumn, map: labelMap([...new Set(values)].slice(0, 20)) };
    } else if (labelColumn) {
      label = { column: labelColumn, map: { '1': 'signal', '0': 'background' } };
    }
  }
  const config: HepmlConfig = {
    $schema: 'https://hepml-lab.dev/schemas/hepml.schema.json',
    name,
    data: { sources, features, ...(label ? { label } : {}), ...(weight ? { weight } : {}) },
    preprocessing: { scaler: 'standard' },
    model: { hidden: { layers: 2, units: 64, activation: 'relu', dropout: 0.1 } },
    training: { optimizer: 'adam', learningRate: 0.001, batchSize: 128, epochs: 30, ...(weight ? { useWeights: true } : {}) },
  };
  return { config, numericColumns: numeric };
}
