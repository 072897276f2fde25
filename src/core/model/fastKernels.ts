import * as tf from '@tensorflow/tfjs-core';

type KernelInputs = Record<string, tf.TensorInfo | undefined>;
interface WasmBackendLike { disposeData(dataId: object): void }

let registered = false;

/**
 * tfjs-wasm multiplies a transposed operand about 12x slower than a plain one (XNNPACK's fast
 * path wants row-major operands), and every backward pass of a dense layer does that. This
 * replaces the wasm BatchMatMul kernel with one that transposes first, then takes the fast path.
 */
export function registerFastWasmKernels(): void {
  if (registered) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const typedInputs = inputs as KernelInputs;
      if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
      const temporaries: tf.TensorInfo[] = [];
      const swapLastTwo = (x: tf.TensorInfo) => {
        const rank = x.shape.length;
        const perm = [...Array(rank).keys()];
        [perm[rank - 1], perm[rank - 2]] = [perm[rank - 2], perm[rank - 1]];
        const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
        temporaries.push(out);
        return out;
      };
      const a = transposeA ? swapLastTwo(typedInputs.a!) : typedInputs.a!;
      const b = transposeB ? swapLastTwo(typedInputs.b!) : typedInputs.b!;
      const result = original.kernelFunc({
        inputs: { ...inputs, a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
      for (const t of temporaries) (backend as unknown as WasmBackendLike).disposeData(t.dataId);
      return result;
    },
  });
  registered = true;
}
