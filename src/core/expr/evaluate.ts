import type { JaggedColumn, RawChunk } from './chunks';
import type { Reduction } from './functions';
import type { Ir } from './compile';
import { fusedKernel, isFusedRoot } from './fuse';
import type { ScratchArrays } from './scratch';

// Compiled expressions evaluated over a chunk's columns: scalar arithmetic as one fused loop
// (fuse.ts), collections as (offsets, values) with RVec semantics (element-wise arithmetic, scalars
// broadcast over a collection, masks, reductions).

export type Value = Float64Array | JaggedColumn;

/** Entry `entry` of a chunk: two collections of different sizes met in one operation. */
export class SizeMismatchError extends Error {
  constructor(
    readonly entry: number,
    readonly sizes: [number, number],
  ) {
    super(`collections of different sizes (${sizes[0]} and ${sizes[1]}) in one operation`);
  }
}

/** One chunk's evaluation: defines are computed once per chunk and shared by every expression. */
export interface EvaluationContext {
  chunk: RawChunk;
  /** The source's index (`sample`). */
  sample: number;
  memo: Map<string, Value>;
  /** Where computed columns go when the caller drops them all after the chunk (else fresh arrays). */
  scratch?: ScratchArrays;
}

export function evaluationContext(chunk: RawChunk, sample: number, scratch?: ScratchArrays): EvaluationContext {
  return { chunk, sample, memo: new Map(), scratch };
}

function isJagged(value: Value): value is JaggedColumn {
  return !(value instanceof Float64Array);
}

/** Calls an element-wise function with up to four arguments (the most any takes). */
function callWith(apply: (...values: number[]) => number, row: number[]): number {
  switch (row.length) {
    case 1:
      return apply(row[0]);
    case 2:
      return apply(row[0], row[1]);
    case 3:
      return apply(row[0], row[1], row[2]);
    default:
      return apply(row[0], row[1], row[2], row[3]);
  }
}

function filled(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

/** Element-wise over scalars only, specialised for one and two arguments. */
function mapScalars(apply: (...values: number[]) => number, args: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  if (args.length === 1) {
    const [a] = args;
    for (let i = 0; i < n; i++) out[i] = apply(a[i]);
  } else if (args.length === 2) {
    const [a, b] = args;
    for (let i = 0; i < n; i++) out[i] = apply(a[i], b[i]);
  } else {
    const row = new Array<number>(args.length);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < args.length; k++) row[k] = args[k][i];
      out[i] = callWith(apply, row);
    }
  }
  return out;
}

/** Element-wise with at least one collection: scalars are broadcast over each event's elements. */
function mapJagged(apply: (...values: number[]) => number, args: Value[], n: number): JaggedColumn {
  const reference = args.find(isJagged)!;
  const { offsets } = reference;
  for (const arg of args) {
    if (!isJagged(arg) || arg === reference) continue;
    for (let e = 0; e < n; e++) {
      const a = offsets[e + 1] - offsets[e];
      const b = arg.offsets[e + 1] - arg.offsets[e];
      if (a !== b) throw new SizeMismatchError(e, [a, b]);
    }
  }
  const values = new Float64Array(offsets[n] - offsets[0]);
  const row = new Array<number>(args.length);
  for (let e = 0; e < n; e++) {
    const size = offsets[e + 1] - offsets[e];
    for (let j = 0; j < size; j++) {
      for (let k = 0; k < args.length; k++) {
        const arg = args[k];
        row[k] = isJagged(arg) ? arg.values[arg.offsets[e] + j] : arg[e];
      }
      values[offsets[e] - offsets[0] + j] = callWith(apply, row);
    }
  }
  const rebased = offsets[0] === 0 ? offsets : offsets.map((o) => o - offsets[0]);
  return { offsets: rebased, values };
}

function indexOf(object: JaggedColumn, index: Float64Array, fill: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const k = Math.trunc(index[e]);
    const start = object.offsets[e];
    out[e] = k >= 0 && k < object.offsets[e + 1] - start ? object.values[start + k] : fill;
  }
  return out;
}

function maskOf(object: JaggedColumn, mask: JaggedColumn, n: number): JaggedColumn {
  const offsets = new Int32Array(n + 1);
  const kept: number[] = [];
  for (let e = 0; e < n; e++) {
    const size = object.offsets[e + 1] - object.offsets[e];
    const maskSize = mask.offsets[e + 1] - mask.offsets[e];
    if (size !== maskSize) throw new SizeMismatchError(e, [size, maskSize]);
    for (let j = 0; j < size; j++) if (mask.values[mask.offsets[e] + j] !== 0) kept.push(object.values[object.offsets[e] + j]);
    offsets[e + 1] = kept.length;
  }
  return { offsets, values: Float64Array.from(kept) };
}

function reduce(reduction: Reduction, { offsets, values }: JaggedColumn, fill: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const start = offsets[e];
    const end = offsets[e + 1];
    const size = end - start;
    let result: number;
    switch (reduction) {
      case 'Length':
        result = size;
        break;
      case 'Sum':
      case 'Mean': {
        let sum = 0;
        for (let k = start; k < end; k++) sum += values[k];
        result = reduction === 'Sum' ? sum : size > 0 ? sum / size : 0;
        break;
      }
      case 'Max':
      case 'Min': {
        if (size === 0) {
          result = fill;
          break;
        }
        result = values[start];
        for (let k = start + 1; k < end; k++) result = reduction === 'Max' ? Math.max(result, values[k]) : Math.min(result, values[k]);
        break;
      }
      case 'Any':
        result = 0;
        for (let k = start; k < end; k++) if (values[k] !== 0) result = 1;
        break;
      case 'All':
        result = 1;
        for (let k = start; k < end; k++) if (values[k] === 0) result = 0;
        break;
    }
    out[e] = result;
  }
  return out;
}

/** The value of a compiled expression for every entry of the context's chunk. */
export function evaluate(ir: Ir, context: EvaluationContext): Value {
  const n = context.chunk.entries;
  if (isFusedRoot(ir)) {
    const kernel = fusedKernel(ir);
    const leaves = kernel.leaves.map((leaf) => evaluate(leaf, context) as Float64Array);
    const out = context.scratch?.take(n) ?? new Float64Array(n);
    return kernel.run(leaves, out, context.chunk.firstEntry, context.sample);
  }
  switch (ir.op) {
    case 'const':
      return filled(n, ir.value);
    case 'entry':
      return Float64Array.from({ length: n }, (_, i) => context.chunk.firstEntry + i);
    case 'sample':
      return filled(n, context.sample);
    case 'branch':
      return ir.shape === 'jagged' ? context.chunk.jagged.get(ir.name)! : context.chunk.numbers.get(ir.name)!;
    case 'define': {
      let value = context.memo.get(ir.name);
      if (!value) {
        value = evaluate(ir.body, context);
        context.memo.set(ir.name, value);
      }
      return value;
    }
    case 'map': {
      const args = ir.args.map((a) => evaluate(a, context));
      return ir.shape === 'jagged' ? mapJagged(ir.apply, args, n) : mapScalars(ir.apply, args as Float64Array[], n);
    }
    case 'ternary': {
      const args = [ir.test, ir.then, ir.otherwise].map((a) => evaluate(a, context));
      const choose = (test: number, then: number, otherwise: number) => (test !== 0 ? then : otherwise);
      return ir.shape === 'jagged' ? mapJagged(choose, args, n) : mapScalars(choose, args as Float64Array[], n);
    }
    case 'index':
      return indexOf(evaluate(ir.object, context) as JaggedColumn, evaluate(ir.index, context) as Float64Array, ir.fill, n);
    case 'mask':
      return maskOf(evaluate(ir.object, context) as JaggedColumn, evaluate(ir.mask, context) as JaggedColumn, n);
    case 'reduce':
      return reduce(ir.reduction, evaluate(ir.arg, context) as JaggedColumn, ir.fill, n);
  }
}

/** The value of an expression known to give one number per event. */
export function evaluateScalar(ir: Ir, context: EvaluationContext): Float64Array {
  return evaluate(ir, context) as Float64Array;
}
