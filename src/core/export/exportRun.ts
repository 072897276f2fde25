import * as path from 'node:path';
import type { ResolvedConfig } from '../../shared/config';
import type { TrainedRun } from '../apply/trainedRun';
import { writeFileAtomic } from '../store/atomic';
import { UserError } from '../util/errors';
import { lwtnnNetwork } from './lwtnnExport';
import { networkSpec } from './networkSpec';
import { ONNX_INPUT, ONNX_OUTPUT, onnxModel } from './onnxExport';

// `hepml export`: the run's network to ONNX or lwtnn, and beside it `<name>.inputs.json`, saying
// how each input is computed from the data (defines, selection: what a model file cannot hold).

export type ExportFormat = 'onnx' | 'lwtnn';

/** What the model files cannot hold: how to compute their inputs, which events they apply to, which model scores which event. */
export function inputsDescription(config: ResolvedConfig, format: ExportFormat, files: string[]): Record<string, unknown> {
  const defined = (name: string) => (Object.hasOwn(config.data.define, name) ? config.data.define[name] : undefined);
  return {
    note: `Compute each input from the event as "expression" says (in order), then evaluate the ${format === 'onnx' ? 'ONNX model' : 'lwtnn network'}. The model files hold the missing-value replacement and the scaling; they cannot hold the defines and the selection below.`,
    inputs: config.data.features.map((f) => ({ name: f.name, expression: defined(f.name) ?? f.name, ...(f.fill !== 0 ? { fill: f.fill } : {}) })),
    define: config.data.define,
    selection: config.data.selection ?? null,
    ...(config.data.missing ? { missing: { value: config.data.missing.value, policy: config.data.missing.policy } } : {}),
    classes: config.data.classes,
    ...(format === 'onnx' ? { onnx: { input: ONNX_INPUT, output: ONNX_OUTPUT } } : {}),
    models: config.folds ? files.map((file, i) => ({ file: path.basename(file), scores: `events whose ${config.folds!.by} mod ${config.folds!.k} is ${i}` })) : files.map((file) => ({ file: path.basename(file) })),
  };
}

export interface ExportResult {
  files: string[];
  inputs: string;
}

/** Writes the run's model(s) in the format asked (one file per fold model) and the inputs file. */
export function exportRun(trained: TrainedRun, format: ExportFormat, target: string, version: string): ExportResult {
  const extension = format === 'onnx' ? '.onnx' : '.json';
  const base = target.endsWith(extension) ? target.slice(0, -extension.length) : target;
  const files = trained.models.map((_, i) => (trained.models.length > 1 ? `${base}.fold${i}${extension}` : `${base}${extension}`));
  trained.models.forEach((model, i) => {
    const spec = networkSpec(model, trained.config.data.missing?.value);
    const extra: Record<string, string> = trained.models.length > 1 ? { fold: `scores events whose ${trained.config.folds!.by} mod ${trained.models.length} is ${i}` } : {};
    let bytes: Uint8Array | string;
    try {
      bytes = format === 'onnx' ? onnxModel(spec, { runId: trained.record.id, runName: trained.record.name, version, extra }) : JSON.stringify(lwtnnNetwork(spec, { hepml_run_id: trained.record.id, hepml_run_name: trained.record.name, hepml_version: version, ...extra }), null, 1);
    } catch (error) {
      throw new UserError(`${trained.run.dir}: ${(error as Error).message}`);
    }
    writeFileAtomic(files[i], bytes);
  });
  const inputs = `${base}.inputs.json`;
  writeFileAtomic(inputs, JSON.stringify(inputsDescription(trained.config, format, files), null, 2) + '\n');
  return { files, inputs };
}
