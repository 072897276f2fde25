import type { ResolvedConfig } from '../../shared/config';
import { chooseBackend, usesNativeKernels } from '../../core/model/backend';
import { buildNetwork } from '../../core/model/network';
import { trainNetwork } from '../../core/model/train';
import { createRng } from '../../core/util/random';
import type { BenchOptions } from './metricsBench';
import { alternate, peerFields, runPeer } from './peer';

// The protocol of bench/peers/torch_mlp.py: D=28 standard-normal inputs, label = sum of the
// first 3 features > 0, D -> H relu (x L) -> 1, Glorot-uniform, Adam 1e-3, BCE, shuffled
// batches; one warm-up epoch, then one timed epoch over N events.

interface Shape {
  name: string;
  hidden: number;
  layers: number;
  batch: number;
}

const SHAPES: Shape[] = [
  { name: 'reference 28-300-300-300-1', hidden: 300, layers: 3, batch: 128 },
  { name: 'reference, batch 1024', hidden: 300, layers: 3, batch: 1024 },
  { name: 'small 28-64-64-1', hidden: 64, layers: 2, batch: 128 },
];
const FEATURES = 28;

function gaussianData(n: number) {
  const rng = createRng('bench-train');
  const x = new Float32Array(n * FEATURES);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let f = 0; f < FEATURES; f++) {
      const v = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      x[i * FEATURES + f] = v;
      if (f < 3) sum += v;
    }
    // Class 0 is the signal (target 1), as in the lab.
    labels[i] = sum > 0 ? 0 : 1;
  }
  return { x, size: n, features: FEATURES, labels, weights: new Float64Array(n).fill(1) };
}

function training(batch: number): ResolvedConfig['training'] {
  return { optimizer: 'adam', learningRate: 1e-3, loss: 'binary_crossentropy', batchSize: batch, epochs: 2, validationFraction: 0, earlyStopping: false, useWeights: false, classBalance: false, seed: 0 };
}

/** Samples per second of one timed epoch after a warm-up epoch. */
async function ourEpoch(shape: Shape, data: ReturnType<typeof gaussianData>): Promise<number> {
  const network = buildNetwork(FEATURES, Array.from({ length: shape.layers }, () => ({ units: shape.hidden, activation: 'relu' as const, kernelInitializer: 'glorot_uniform' as const, dropout: 0, l2: 0 })), 2, createRng(0));
  const result = await trainNetwork(network, data, undefined, { training: training(shape.batch), historySample: 0 });
  network.model.dispose();
  return data.size / result.history[1].seconds;
}

export async function trainBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  const backend = await chooseBackend();
  const n = quick ? 5000 : 50000;
  const data = gaussianData(n);
  for (const shape of quick ? SHAPES.slice(0, 1) : SHAPES) {
    const args = ['--n', String(n), '--hidden', String(shape.hidden), '--layers', String(shape.layers), '--batch', String(shape.batch), '--threads', '1'];
    const result = await alternate(rounds, () => ourEpoch(shape, data), () => runPeer<{ samples_per_s: number }>('torch_mlp.py', args), (peer) => peer.samples_per_s);
    emit({
      bench: 'train', network: shape.name, batch: shape.batch, n, backend, matmul: usesNativeKernels() ? 'openblas (native addon, 1 thread)' : backend, samples_per_s: Math.round(result.ours),
      ...peerFields('pytorch (1 thread)', result, result.peer && result.ours / result.peer, 'peer_samples_per_s'),
    });
  }
}
