import type { ResolvedConfig } from '../../shared/config';
import { selectEvents, type EventTable } from '../data/dataset';
import { applyImputer, fitMedianImputer } from '../dataset/imputer';
import { fitScaler, toScaledMatrix, type FittedScaler } from '../dataset/scaler';
import { trainTestSplit } from '../dataset/split';
import { selectRows, type DesignMatrix } from '../model/train';
import { UserError } from '../util/errors';

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
  /** Raw (unscaled) training and test events, for diagnostics. */
  train: EventTable;
  test: EventTable;
  testMatrix: DesignMatrix;
}

/**
 * Training weights: the event weights (when used), scaled so that each class has the same total
 * when balancing, then normalised to a mean of one so the learning rate keeps its meaning.
 */
export function trainingWeights(table: EventTable, training: ResolvedConfig['training']): Float64Array {
  const weights = training.useWeights ? Float64Array.from(table.weights) : new Float64Array(table.size).fill(1);
  if (training.classBalance) {
    const totals = new Float64Array(table.classes.length);
    for (let i = 0; i < table.size; i++) totals[table.labels[i]] += weights[i];
    totals.forEach((total, c) => {
      if (!(total > 0)) {
        throw new UserError(`class "${table.classes[c]}" has a total event weight of ${total} in the training set; class balancing needs a positive total (check data.weight, or set training.classBalance to false).`);
      }
    });
    for (let i = 0; i < table.size; i++) weights[i] /= totals[table.labels[i]];
  }
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) throw new UserError(`the training events' weights sum to ${sum}; they must sum to a positive number (check data.weight).`);
  const scale = table.size / sum;
  for (let i = 0; i < weights.length; i++) weights[i] *= scale;
  return weights;
}

/** The seeded train/test split of all events. */
export function splitTrainTest(events: EventTable, config: ResolvedConfig): { train: EventTable; test: EventTable } {
  const { train, test } = trainTestSplit(events.labels, config.split.testFraction, config.split);
  return { train: selectEvents(events, train), test: selectEvents(events, test) };
}

function imputed(table: EventTable, config: ResolvedConfig, values: number[] | undefined): Float32Array[] {
  return values ? applyImputer(table.columns, config.data.missing!.value, values) : table.columns;
}

/** Fits imputation and scaling on training events only. */
export function fitPreprocessing(train: EventTable, config: ResolvedConfig): Preprocessing {
  const missing = config.data.missing;
  const imputedValues = missing?.policy === 'median' ? fitMedianImputer(train.columns, missing.value) : undefined;
  const scaler = fitScaler(config.preprocessing.scaler, imputed(train, config, imputedValues));
  return { scaler, imputedValues };
}

/** Events as a scaled design matrix with the given weights. */
export function designMatrix(table: EventTable, config: ResolvedConfig, preprocessing: Preprocessing, weights: Float64Array): DesignMatrix {
  const columns = imputed(table, config, preprocessing.imputedValues);
  return { x: toScaledMatrix(preprocessing.scaler, columns), size: table.size, features: columns.length, labels: table.labels, weights };
}

/** Preprocessing fitted on `train`, and the fit/validation parts the training loop uses. */
export function prepareFit(train: EventTable, config: ResolvedConfig): FitData {
  const preprocessing = fitPreprocessing(train, config);
  const trainMatrix = designMatrix(train, config, preprocessing, trainingWeights(train, config.training));
  if (config.training.validationFraction <= 0) return { fit: trainMatrix, trainMatrix, preprocessing };
  const held = trainTestSplit(train.labels, config.training.validationFraction, { stratify: true, seed: config.training.seed });
  return { fit: selectRows(trainMatrix, held.train), validation: selectRows(trainMatrix, held.test), trainMatrix, preprocessing };
}

/** Split, impute and scale (fitted on training events only), and hold out a validation part. */
export function prepareData(events: EventTable, config: ResolvedConfig): PreparedData {
  const { train, test } = splitTrainTest(events, config);
  const fitData = prepareFit(train, config);
  // Evaluation uses the event weights as given, as TMVA does.
  const testMatrix = designMatrix(test, config, fitData.preprocessing, test.weights);
  return { ...fitData, train, test, testMatrix };
}
