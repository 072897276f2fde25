import type { ResolvedConfig } from '../../shared/config';
import type { RawChunk } from '../expr/chunks';
import type { SourcePlan } from '../data/plan';
import { evaluate, evaluationContext, SizeMismatchError } from '../expr/evaluate';
import { foldIndices } from '../lab/fitModels';
import { predict } from '../model/predict';
import { DataError } from '../util/errors';
import type { TrainedModel } from './trainedRun';

// One chunk of a file scored with a run's whole chain: defines, features, the missing-value
// policy and scaler of the model that scores each event (its fold's, with folds), the network.

export interface ScoredChunk {
  count: number;
  /** One output per event for two classes (the signal probability), else one per class and event. */
  outputs: Float32Array;
  /** 1 where the run's selection holds and every feature is a finite number (and, with policy "drop", none is the marker). */
  passed: Uint8Array;
}

/** The scaled features of events `rows` (into the chunk) for one model, row-major. */
function modelInputs(features: Float64Array[], rows: Int32Array, model: TrainedModel, config: ResolvedConfig): Float32Array {
  const { scaler, imputedValues } = model.preprocessing;
  const marker = imputedValues && config.data.missing ? Math.fround(config.data.missing.value) : undefined;
  const d = features.length;
  const x = new Float32Array(rows.length * d);
  for (let f = 0; f < d; f++) {
    const column = features[f];
    const fill = imputedValues?.[f] ?? 0;
    const shift = scaler.offset[f];
    const inverse = 1 / scaler.scale[f];
    for (let i = 0; i < rows.length; i++) {
      // Features are float32 in training: the same rounding here.
      const v = Math.fround(column[rows[i]]);
      x[i * d + f] = ((v === marker ? fill : v) - shift) * inverse;
    }
  }
  return x;
}

/** Scores every entry of a chunk (none is dropped: an output file lines up with its input). */
export function scoreChunk(chunk: RawChunk, plan: SourcePlan, models: TrainedModel[], config: ResolvedConfig, where: string): ScoredChunk {
  const n = chunk.entries;
  const context = evaluationContext(chunk, 0);
  const scalar = (expression: NonNullable<SourcePlan['selection']>) => {
    try {
      return evaluate(expression.ir, context) as Float64Array;
    } catch (error) {
      if (!(error instanceof SizeMismatchError)) throw error;
      throw new DataError(`${where}: entry ${chunk.firstEntry + error.entry}: "${expression.text}": ${error.message}.`, expression.pointer);
    }
  };
  const features = plan.features.map(scalar);
  const passed = new Uint8Array(n).fill(1);
  if (plan.selection) {
    const keep = scalar(plan.selection);
    for (let i = 0; i < n; i++) if (keep[i] === 0) passed[i] = 0;
  }
  const dropMarker = config.data.missing?.policy === 'drop' ? Math.fround(config.data.missing.value) : undefined;
  for (const column of features) {
    for (let i = 0; i < n; i++) if (!Number.isFinite(column[i]) || Math.fround(column[i]) === dropMarker) passed[i] = 0;
  }
  const width = config.data.classes.length > 2 ? config.data.classes.length : 1;
  const outputs = new Float32Array(n * width);
  const foldOf = plan.foldKey ? foldIndices(scalar(plan.foldKey), models.length) : undefined;
  models.forEach((model, m) => {
    const rows = foldOf ? Int32Array.from(foldOf.keys()).filter((i) => foldOf[i] === m) : Int32Array.from({ length: n }, (_, i) => i);
    if (rows.length === 0) return;
    const scored = predict(model.model, { x: modelInputs(features, rows, model, config), size: rows.length, features: features.length });
    for (let i = 0; i < rows.length; i++) outputs.set(scored.subarray(i * width, (i + 1) * width), rows[i] * width);
  });
  return { count: n, outputs, passed };
}
