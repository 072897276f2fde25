import type { HepmlConfig } from '../../shared/config';
import { didYouMean } from '../util/didYouMean';
import type { Problem, ProblemLocator } from './problems';
import { formatFromName } from '../data/format';

export const DEFAULT_CLASSES = ['signal', 'background'];

/** Checks between fields that a JSON Schema cannot express. Assumes the schema passed. */
export function semanticProblems(config: HepmlConfig, locate: ProblemLocator): Problem[] {
  const problems: Problem[] = [];
  const data = config.data;
  const classes = data.classes ?? DEFAULT_CLASSES;
  const seenClasses = new Set<string>();

  data.sources.forEach((source, i) => {
    const at = `/data/sources/${i}`;
    const paths = Array.isArray(source.path) ? source.path : [source.path];
    const formats = new Set(paths.map((p) => source.format ?? formatFromName(p)));
    const format = formats.size === 1 ? [...formats][0] : undefined;
    if (formats.size > 1) {
      problems.push(locate.at(`${at}/path`, `the files of source ${i} are of different kinds (${[...formats].map((f) => f ?? 'unknown').join(', ')}); a chain's files must be all ROOT, all CSV or all Parquet.`));
    } else if (format === 'root' && source.tree === undefined) {
      problems.push(locate.at(at, `source ${i} is a ROOT file: give the TTree to read, e.g. "tree": "events" (hepml inspect ${paths[0]} lists them).`));
    } else if (format !== undefined && format !== 'root' && source.tree !== undefined) {
      problems.push(locate.at(`${at}/tree`, `"tree" applies to ROOT files only; "${paths[0]}" is a ${format === 'csv' ? 'CSV' : 'Parquet'} file.`, { key: true }));
    }
    if (format !== 'csv' && format !== undefined) {
      for (const key of ['header', 'columns'] as const) {
        if (source[key] !== undefined) problems.push(locate.at(`${at}/${key}`, `"${key}" applies to CSV files only.`, { key: true }));
      }
    }
    if (source.class !== undefined) {
      if (!classes.includes(source.class)) {
        problems.push(locate.at(`${at}/class`, `class "${source.class}" is not one of data.classes (${classes.join(', ')}).${didYouMean(source.class, classes)}`));
      }
      seenClasses.add(source.class);
    } else if (data.label === undefined) {
      problems.push(locate.at(at, `source ${i} has no "class": give each source a class, or set data.label to read it from a column.`));
    }
  });

  if (data.label) {
    for (const [value, name] of Object.entries(data.label.map)) {
      if (!classes.includes(name)) {
        problems.push(locate.at(`/data/label/map/${value}`, `class "${name}" is not one of data.classes (${classes.join(', ')}).${didYouMean(name, classes)}`));
      }
      seenClasses.add(name);
    }
  }
  const missing = classes.filter((c) => !seenClasses.has(c));
  if (missing.length > 0 && problems.length === 0) {
    const where = data.label ? '/data/label/map' : '/data/sources';
    problems.push(locate.at(where, `no events can be of class ${missing.map((c) => `"${c}"`).join(', ')}: a classifier needs events of every class in data.classes.`));
  }

  const names = data.features.map((f) => (typeof f === 'string' ? f : f.name));
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(locate.at(`/data/features/${i}`, `feature "${name}" is listed twice.`));
    if (/\[/.test(name) && !/^[^[\]]+\[\d+\]$/.test(name)) {
      problems.push(locate.at(`/data/features/${i}`, `"${name}": write an element of a jagged branch as NAME[INDEX], e.g. "Jet_Px[0]".`));
    }
  });

  const training = config.training ?? {};
  const stopping = training.earlyStopping;
  const validationFraction = training.validationFraction ?? 0.1;
  if (stopping && (stopping.monitor ?? 'val_loss').startsWith('val_') && validationFraction === 0) {
    problems.push(locate.at('/training/earlyStopping', `early stopping monitors "${stopping.monitor ?? 'val_loss'}" but training.validationFraction is 0: set a validation fraction or monitor "loss".`));
  }
  if (training.loss === 'binary_crossentropy' && classes.length > 2) {
    problems.push(locate.at('/training/loss', `binary_crossentropy needs two classes; data.classes has ${classes.length}: use categorical_crossentropy.`));
  }
  if (training.loss === 'categorical_crossentropy' && classes.length === 2) {
    problems.push(locate.at('/training/loss', `with two classes the output is one sigmoid unit: use binary_crossentropy (or omit "loss").`, { severity: 'warning' }));
  }
  if (training.useWeights === true && data.weight === undefined) {
    problems.push(locate.at('/training/useWeights', 'training.useWeights is true but data.weight names no weight column; events count equally.', { severity: 'warning' }));
  }
  return problems;
}
