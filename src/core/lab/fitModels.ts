import type { ResolvedConfig } from '../../shared/config';
import type { EpochRecord } from '../../shared/run';
import type { EventTable } from '../data/dataset';
import { sampleIndices } from '../dataset/sample';
import type { SplitIndices } from '../dataset/split';
import { buildNetwork, type Network } from '../model/network';
import { predict } from '../model/predict';
import { trainNetwork, type TrainResult } from '../model/train';
import { createRng } from '../util/random';
import { traceMemory } from '../util/phaseClock';
import { designMatrix, eventWeights, prepareFit, type Preprocessing } from './prepare';

// One model trained on the training events, or k models of event-number folds (TMVA's
// CrossValidation): model i trains without the events whose folds.by value mod k is i, and
// scores exactly those, so no event is scored by a model that saw it.

/** Training events scored for the train-vs-test diagnostics (a sample beyond this; all the test events are scored). */
export const DIAGNOSTIC_TRAIN_EVENTS = 2_000_000;

/** Each event's fold: its folds.by value (a whole number) mod k, in 0..k-1. */
export function foldIndices(keys: Float64Array, k: number): Int32Array {
  return Int32Array.from(keys, (key) => ((Math.floor(key) % k) + k) % k);
}

/** One trained model: what it was fitted on and with. */
export interface FittedModel {
  index: number;
  network: Network;
  preprocessing: Preprocessing;
  result: TrainResult;
  /** The table rows it trained on (validation part included). */
  fitRows: Int32Array;
}

/** Every event's output, filled in as the models score the events routed to them. */
export interface RunScores {
  /** Outputs (one per event, or one per class and event) of the test rows, in their order. */
  test: Float32Array;
  /** Training rows scored by a model that trained on them (for the overtraining check), and their outputs. */
  seenRows: Int32Array;
  seen: Float32Array;
  /** With folds: every training row's output from the one model that did not train on it. */
  outOfFold?: Float32Array;
}

/** Events whose inputs are built at once when scoring (a block, not all of them: memory stays small). */
const SCORE_BLOCK = 65536;

/** Outputs of `network` for the events at `rows`, through its preprocessing, a block at a time. */
function outputsAt(table: EventTable, rows: Int32Array, config: ResolvedConfig, model: FittedModel): Float32Array {
  const width = model.network.outputClasses > 2 ? model.network.outputClasses : 1;
  const out = new Float32Array(rows.length * width);
  for (let start = 0; start < rows.length; start += SCORE_BLOCK) {
    const block = rows.subarray(start, Math.min(rows.length, start + SCORE_BLOCK));
    out.set(predict(model.network.model, designMatrix(table, block, config, model.preprocessing, eventWeights(table, block))), start * width);
  }
  return out;
}

/** Prepares and trains one model; its training matrices are released when this returns. */
async function trainOne(table: EventTable, fitRows: Int32Array, config: ResolvedConfig, network: Network, onEpoch: (record: EpochRecord) => boolean | void, isCancelled?: () => boolean): Promise<{ result: TrainResult; preprocessing: Preprocessing }> {
  const prepared = prepareFit(table, fitRows, config);
  if (process.env.HEPML_TRACE_MEMORY) traceMemory('training matrices built');
  const result = await trainNetwork(network, prepared.fit, prepared.validation, { training: config.training, onEpoch, isCancelled });
  return { result, preprocessing: prepared.preprocessing };
}

/** Writes the outputs of rows `positions` (indices into a list) into `target`, `width` values each. */
function scatter(target: Float32Array, positions: Int32Array, outputs: Float32Array, width: number): void {
  for (let i = 0; i < positions.length; i++) target.set(outputs.subarray(i * width, (i + 1) * width), positions[i] * width);
}

function positionsWhere(rows: Int32Array, keep: (row: number) => boolean): Int32Array {
  return Int32Array.from(rows.keys()).filter((i) => keep(rows[i]));
}

export interface FitCallbacks {
  onEpoch?: (record: EpochRecord, model: number) => boolean | void;
  /** Asked during epochs: true stops the training at once. */
  isCancelled?: () => boolean;
  /** Called with each model once trained and scored (e.g. to save it); the network is disposed after. */
  onModel?: (model: FittedModel) => Promise<void> | void;
}

export interface FitOutcome {
  scores: RunScores;
  models: Omit<FittedModel, 'network'>[];
  /** The first model's first Dense kernel, row-major [features x units] (the weights heat map). */
  firstLayerKernel?: { values: Float32Array; units: number };
  cancelled: boolean;
}

/**
 * Trains the run's model(s) one after another, scoring the test events (each by the model its
 * fold routes it to), the out-of-fold training events, and a sample of training events by a
 * model that saw them. Only one model's training matrices are held at a time, and they are let
 * go before the scoring, which builds its inputs a block at a time.
 */
export async function fitAndScore(table: EventTable, split: SplitIndices, config: ResolvedConfig, callbacks: FitCallbacks = {}): Promise<FitOutcome> {
  const k = config.folds?.k ?? 1;
  const foldOf = config.folds ? foldIndices(table.foldKeys!, k) : undefined;
  const width = config.data.classes.length > 2 ? config.data.classes.length : 1;
  const seenRows = Int32Array.from(sampleIndices(split.train.length, DIAGNOSTIC_TRAIN_EVENTS, 'seen'), (i) => split.train[i]);
  const scores: RunScores = { test: new Float32Array(split.test.length * width), seenRows, seen: new Float32Array(seenRows.length * width), ...(foldOf ? { outOfFold: new Float32Array(split.train.length * width) } : {}) };
  const models: Omit<FittedModel, 'network'>[] = [];
  let firstLayerKernel: FitOutcome['firstLayerKernel'];
  for (let i = 0; i < k; i++) {
    const fitRows = foldOf ? split.train.filter((row) => foldOf[row] !== i) : split.train;
    const network = buildNetwork(table.featureNames.length, config.model.hidden, config.data.classes.length, createRng(i === 0 ? `init:${config.training.seed}` : `init:${config.training.seed}:${i}`));
    try {
      const { result, preprocessing } = await trainOne(table, fitRows, config, network, (record) => callbacks.onEpoch?.(record, i), callbacks.isCancelled);
      const model: FittedModel = { index: i, network, preprocessing, result, fitRows };
      if (result.cancelled) return { scores, models: [...models, model], firstLayerKernel, cancelled: true };
      if (i === 0) {
        const kernel = network.model.layers[0].getWeights()[0];
        firstLayerKernel = { values: kernel.dataSync() as Float32Array, units: kernel.shape[1] as number };
      }
      // Test events: those of this fold (all of them without folds).
      const testPositions = foldOf ? positionsWhere(split.test, (row) => foldOf[row] === i) : Int32Array.from(split.test.keys());
      scatter(scores.test, testPositions, outputsAt(table, Int32Array.from(testPositions, (p) => split.test[p]), config, model), width);
      // Seen events: scored by a model that trained on them (the next fold's, which saw every other fold).
      const seenPositions = foldOf ? positionsWhere(seenRows, (row) => (foldOf[row] + 1) % k === i) : Int32Array.from(seenRows.keys());
      scatter(scores.seen, seenPositions, outputsAt(table, Int32Array.from(seenPositions, (p) => seenRows[p]), config, model), width);
      if (foldOf) {
        const outPositions = positionsWhere(split.train, (row) => foldOf[row] === i);
        scatter(scores.outOfFold!, outPositions, outputsAt(table, Int32Array.from(outPositions, (p) => split.train[p]), config, model), width);
      }
      await callbacks.onModel?.(model);
      models.push({ index: i, preprocessing: model.preprocessing, result, fitRows });
    } finally {
      network.model.dispose();
    }
  }
  return { scores, models, firstLayerKernel, cancelled: false };
}
