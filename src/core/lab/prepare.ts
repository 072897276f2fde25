import type { ResolvedConfig } from '../../shared/config';
import { selectEvents, type EventTable } from '../data/dataset';
import { fitMedianImputer, imputedValues, type Imputation } from '../dataset/imputer';
import { fitScaler, type FittedScaler } from '../dataset/scaler';
import { trainTestSplit, type SplitIndices } from '../dataset/split';
import { selectRows, type DesignMatrix } from '../dataset/designMatrix';
import { UserError } from '../util/errors';

// Events are selected by row indices into the one table read: no copy of the table is made;
// a design matrix (scaled, row-major, float32) is built once for the rows that train or are scored.

/** What is fitted on training events and applied to every other set. */
export interface Preprocessing {
  scaler: FittedScaler;
  imputedValues?: number[];
}

export interface FitData {
  /** The part the optimiser sees, and the part that monitors training (early stopping). */
  fit: DesignMatrix;
  validation?: DesignMatrix;
  /** All training events, scaled, with training weights. */
  trainMatrix: DesignMatrix;
  preprocessing: Preprocessing;
}

export interface PreparedData extends FitData {
  events: EventTable;
  /** Rows of `events` that train, and that are held out for the test. */
  trainRows: Int32Array;
  testRows: Int32Array;
  testMatrix: DesignMatrix;
}

/**
 * Training weights of the events at `rows`: the event weights (when used), scaled so that each
 * class has the same total when balancing, then normalised to a mean of one so the learning
 * rate keeps its meaning.
 */
export function trainingWeights(table: EventTable, rows: Int32Array, training: ResolvedConfig['training']): Float64Array {
  const weights = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) weights[i] = training.useWeights ? table.weights[rows[i]] : 1;
  if (training.classBalance) {
    const totals = new Float64Array(table.classes.length);
    for (let i = 0; i < rows.length; i++) totals[table.labels[rows[i]]] += weights[i];
    totals.forEach((total, c) => {
      if (!(total > 0)) {
        throw new UserError(`class "${table.classes[c]}" has a total event weight of ${total} in the training set; class balancing needs a positive total (check data.weight, or set training.classBalance to false).`);
      }
    });
    for (let i = 0; i < rows.length; i++) weights[i] /= totals[table.labels[rows[i]]];
  }
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) throw new UserError(`the training events' weights sum to ${sum}; they must sum to a positive number (check data.weight).`);
  const scale = rows.length / sum;
  for (let i = 0; i < weights.length; i++) weights[i] *= scale;
  return weights;
}

/**
 * The test rows: split.testSelection's events when given, else a seeded (stratified) fraction.
 * Both lists are in file order: every pass over the events then reads the columns in order
 * (shuffled rows made each pass a cache miss per value: 7 s of the histograms of 1M events).
 */
export function splitRows(events: EventTable, config: ResolvedConfig): SplitIndices {
  if (!events.testFlags) {
    const { train, test } = trainTestSplit(events.labels, config.split.testFraction, config.split);
    return { train: train.sort(), test: test.sort() };
  }
  let nTest = 0;
  for (const flag of events.testFlags) nTest += flag;
  if (nTest === 0 || nTest === events.size) {
    throw new UserError(`split.testSelection "${config.split.testSelection}" puts ${nTest === 0 ? 'no' : 'every'} event in the test set; it must leave events for both training and the test.`);
  }
  const train = new Int32Array(events.size - nTest);
  const test = new Int32Array(nTest);
  let t = 0;
  let r = 0;
  for (let i = 0; i < events.size; i++) {
    if (events.testFlags[i]) test[t++] = i;
    else train[r++] = i;
  }
  for (const [rows, set] of [[test, 'test'], [train, 'training']] as const) {
    const present = new Set(Array.from(rows, (row) => events.labels[row]));
    const missing = events.classes.filter((_, c) => !present.has(c));
    if (missing.length > 0) throw new UserError(`split.testSelection "${config.split.testSelection}" leaves no ${missing.map((c) => `"${c}"`).join(', ')} event in the ${set} set; choose a selection that takes events of every class (e.g. "entry % 5 == 0").`);
  }
  return { train, test };
}

/** The seeded train/test split as two tables (small data: analyses, tests). */
export function splitTrainTest(events: EventTable, config: ResolvedConfig): { train: EventTable; test: EventTable } {
  const { train, test } = splitRows(events, config);
  return { train: selectEvents(events, train), test: selectEvents(events, test) };
}

function imputationOf(config: ResolvedConfig, fills: number[] | undefined): Imputation | undefined {
  return fills ? { marker: Math.fround(config.data.missing!.value), fills } : undefined;
}

/** Fits imputation and scaling on the events at `rows` only. */
export function fitPreprocessing(table: EventTable, rows: Int32Array, config: ResolvedConfig): Preprocessing {
  const missing = config.data.missing;
  const fills = missing?.policy === 'median' ? fitMedianImputer(table.columns, rows, missing.value) : undefined;
  const imputation = imputationOf(config, fills);
  const scaler = fitScaler(config.preprocessing.scaler, table.columns.length, (f) => imputedValues(table.columns[f], rows, f, imputation));
  return { scaler, imputedValues: fills };
}

/** The events at `rows` as a scaled row-major design matrix, with the given weights (one per row). */
export function designMatrix(table: EventTable, rows: Int32Array, config: ResolvedConfig, preprocessing: Preprocessing, weights: Float64Array): DesignMatrix {
  const features = table.columns.length;
  const n = rows.length;
  const x = new Float32Array(n * features);
  const imputation = imputationOf(config, preprocessing.imputedValues);
  const { offset, scale } = preprocessing.scaler;
  for (let f = 0; f < features; f++) {
    const column = table.columns[f];
    const shift = offset[f];
    const inverse = 1 / scale[f];
    const marker = imputation?.marker;
    const fill = imputation?.fills[f] ?? 0;
    for (let i = 0; i < n; i++) {
      const v = column[rows[i]];
      x[i * features + f] = ((v === marker ? fill : v) - shift) * inverse;
    }
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = table.labels[rows[i]];
  return { x, size: n, features, labels, weights };
}

/** The event weights at `rows` (evaluation uses them as given, as TMVA does). */
export function eventWeights(table: EventTable, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (row) => table.weights[row]);
}

/** Preprocessing fitted on the events at `rows`, and the fit/validation parts the training loop uses. */
export function prepareFit(table: EventTable, rows: Int32Array, config: ResolvedConfig): FitData {
  const preprocessing = fitPreprocessing(table, rows, config);
  const trainMatrix = designMatrix(table, rows, config, preprocessing, trainingWeights(table, rows, config.training));
  if (config.training.validationFraction <= 0) return { fit: trainMatrix, trainMatrix, preprocessing };
  // Seeded by split.seed alone: a scan of training.seed varies the model, not the validation events.
  const held = trainTestSplit(trainMatrix.labels, config.training.validationFraction, { stratify: true, seed: config.split.seed, stream: 'validation' });
  return { fit: selectRows(trainMatrix, held.train.sort()), validation: selectRows(trainMatrix, held.test.sort()), trainMatrix, preprocessing };
}

/** Split, impute and scale (fitted on training events only), and hold out a validation part. */
export function prepareData(events: EventTable, config: ResolvedConfig): PreparedData {
  const { train, test } = splitRows(events, config);
  const fitData = prepareFit(events, train, config);
  const testMatrix = designMatrix(events, test, config, fitData.preprocessing, eventWeights(events, test));
  return { ...fitData, events, trainRows: train, testRows: test, testMatrix };
}
