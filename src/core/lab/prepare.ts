import type { ResolvedConfig } from '../../shared/config';
import { selectEvents, type EventTable } from '../data/dataset';
import { applyImputer, fitMedianImputer } from '../dataset/imputer';
import { fitScaler, toScaledMatrix, type FittedScaler } from '../dataset/scaler';
import { trainTestSplit } from '../dataset/split';
import type { DesignMatrix } from '../model/train';
import { UserError } from '../util/errors';

export interface PreparedData {
  /** Raw (unscaled) training and test events, for diagnostics. */
  train: EventTable;
  test: EventTable;
  /** Scaled events for the network; `fit` is the training part that the optimiser sees. */
  fit: DesignMatrix;
  validation?: DesignMatrix;
  trainMatrix: DesignMatrix;
  testMatrix: DesignMatrix;
  scaler: FittedScaler;
  imputedValues?: number[];
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

function designMatrix(table: EventTable, scaler: FittedScaler, weights: Float64Array): DesignMatrix {
  return { x: toScaledMatrix(scaler, table.columns), size: table.size, features: table.columns.length, labels: table.labels, weights };
}

function subset(matrix: DesignMatrix, indices: Int32Array): DesignMatrix {
  const x = new Float32Array(indices.length * matrix.features);
  indices.forEach((row, i) => x.set(matrix.x.subarray(row * matrix.features, (row + 1) * matrix.features), i * matrix.features));
  return {
    x,
    size: indices.length,
    features: matrix.features,
    labels: Int32Array.from(indices, (i) => matrix.labels[i]),
    weights: Float64Array.from(indices, (i) => matrix.weights[i]),
  };
}

/** Split, impute and scale (fitted on training events only), and hold out a validation part. */
export function prepareData(events: EventTable, config: ResolvedConfig): PreparedData {
  const { train: trainIndices, test: testIndices } = trainTestSplit(events.labels, config.split.testFraction, config.split);
  let train = selectEvents(events, trainIndices);
  let test = selectEvents(events, testIndices);
  const rawTrain = train;
  const rawTest = test;
  let imputedValues: number[] | undefined;
  const missing = config.data.missing;
  if (missing?.policy === 'median') {
    imputedValues = fitMedianImputer(train.columns, missing.value);
    train = { ...train, columns: applyImputer(train.columns, missing.value, imputedValues) };
    test = { ...test, columns: applyImputer(test.columns, missing.value, imputedValues) };
  }
  const scaler = fitScaler(config.preprocessing.scaler, train.columns);
  const trainMatrix = designMatrix(train, scaler, trainingWeights(train, config.training));
  // Evaluation uses the event weights as given, as TMVA does.
  const testMatrix = designMatrix(test, scaler, test.weights);
  let fit = trainMatrix;
  let validation: DesignMatrix | undefined;
  if (config.training.validationFraction > 0) {
    const held = trainTestSplit(train.labels, config.training.validationFraction, { stratify: true, seed: config.training.seed });
    fit = subset(trainMatrix, held.train);
    validation = subset(trainMatrix, held.test);
  }
  return { train: rawTrain, test: rawTest, fit, validation, trainMatrix, testMatrix, scaler, imputedValues };
}
