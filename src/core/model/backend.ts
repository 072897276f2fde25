import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { registerFastWasmKernels } from './fastKernels';
import { registerNativeWasmKernels } from './nativeKernels';
import { PACKAGED } from '../util/packaged';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** The tfjs backends in order of preference; the native ones are optional packages. */
export const BACKEND_PREFERENCE: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

let chosen: Promise<BackendName> | undefined;
let nativeKernels = false;

/** Whether the wasm backend multiplies matrices through the native OpenBLAS addon. */
export function usesNativeKernels(): boolean {
  return nativeKernels;
}

/** The kernels a backend computes with, in words for run.json and the dashboard. */
export function kernelsOf(backend: BackendName): string {
  if (backend === 'wasm') return nativeKernels ? 'native: OpenBLAS sgemm addon + wasm' : 'wasm (no native addon)';
  if (backend === 'cpu') return 'tfjs cpu (plain JavaScript)';
  return `libtensorflow (${backend})`;
}

function tryRequire(name: string): boolean {
  try {
    // Optional native bindings: present only where a user installed them.
    require(name);
    return true;
  } catch {
    return false;
  }
}

async function activate(name: BackendName): Promise<boolean> {
  switch (name) {
    case 'tensorflow-gpu':
      return tryRequire('@tensorflow/tfjs-node-gpu') && (await tf.setBackend('tensorflow'));
    case 'tensorflow':
      return tryRequire('@tensorflow/tfjs-node') && (await tf.setBackend('tensorflow'));
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const wasmDirectory = PACKAGED ? path.join(__dirname, 'wasm') : path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      wasm.setWasmPaths(wasmDirectory + path.sep);
      const ok = await tf.setBackend('wasm');
      // Dense layers' products through OpenBLAS where the addon is built, else wasm's fast path.
      if (ok) nativeKernels = registerNativeWasmKernels();
      if (ok && !nativeKernels) registerFastWasmKernels();
      return ok;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return tf.setBackend('cpu');
  }
}

/**
 * Picks the best backend that works here, once per process. `HEPML_BACKEND` forces one
 * (for tests and benchmarks).
 */
export function chooseBackend(forced = process.env.HEPML_BACKEND as BackendName | undefined): Promise<BackendName> {
  chosen ??= (async () => {
    const candidates = forced ? [forced] : BACKEND_PREFERENCE;
    for (const name of candidates) {
      try {
        if (await activate(name)) {
          await tf.ready();
          return name;
        }
      } catch {
        // Try the next one: a native binding may be present but fail to load.
      }
    }
    throw new Error(`no TensorFlow.js backend could start (tried ${candidates.join(', ')})`);
  })();
  return chosen;
}
