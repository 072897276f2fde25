import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeDirectoryAtomic } from '../store/atomic';
import { MODEL_FILES } from '../store/runLayout';

/**
 * Saves a model in the TensorFlow.js layers format (model.json + weights.bin), written to a
 * temporary folder and renamed into place, so a crash never leaves a half-written model.
 */
export async function saveModel(model: tfl.LayersModel, directory: string): Promise<void> {
  await writeDirectoryAtomic(directory, async (temporary) => {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData ? new Uint8Array(tf.io.concatenateArrayBuffers(Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData])) : new Uint8Array();
        fs.writeFileSync(path.join(temporary, MODEL_FILES.weights), weightData);
        const modelJson = {
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs }],
        };
        fs.writeFileSync(path.join(temporary, MODEL_FILES.topology), JSON.stringify(modelJson));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
      }),
    );
  });
}

/** Loads a model saved by saveModel, checking the weights against the manifest first. */
export async function loadModel(directory: string): Promise<tfl.LayersModel> {
  const modelJson = JSON.parse(fs.readFileSync(path.join(directory, MODEL_FILES.topology), 'utf8'));
  const bytes = fs.readFileSync(path.join(directory, MODEL_FILES.weights));
  const expected = (modelJson.weightsManifest[0].weights as { shape: number[]; dtype: string }[]).reduce((total, w) => total + w.shape.reduce((a, b) => a * b, 1) * (w.dtype === 'float32' || w.dtype === 'int32' ? 4 : 1), 0);
  if (bytes.length !== expected) throw new Error(`${directory}: ${MODEL_FILES.weights} holds ${bytes.length} bytes, the manifest ${expected}; the model is damaged.`);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
  );
}
