import type { Ir } from './compile';

// A scalar expression tree fused into one generated loop: no array per operation and direct
// (inlinable) calls, which is what makes ten defines cost little next to reading the branches.
// The code is generated from the compiled tree only (operators from a fixed table, numbers and
// functions passed in as arguments), never from the expression's text.

type Apply = (...values: number[]) => number;

/** How each operator of the language is written in JavaScript, with the language's semantics. */
const OPERATORS: Record<string, (a: string, b: string) => string> = {
  '+': (a, b) => `(${a} + ${b})`,
  '-': (a, b) => `(${a} - ${b})`,
  '*': (a, b) => `(${a} * ${b})`,
  '/': (a, b) => `(${a} / ${b})`,
  '%': (a, b) => `(${a} % ${b})`,
  '<': (a, b) => `(${a} < ${b} ? 1 : 0)`,
  '<=': (a, b) => `(${a} <= ${b} ? 1 : 0)`,
  '>': (a, b) => `(${a} > ${b} ? 1 : 0)`,
  '>=': (a, b) => `(${a} >= ${b} ? 1 : 0)`,
  '==': (a, b) => `(${a} === ${b} ? 1 : 0)`,
  '!=': (a, b) => `(${a} !== ${b} ? 1 : 0)`,
  '&&': (a, b) => `(${a} !== 0 && ${b} !== 0 ? 1 : 0)`,
  '||': (a, b) => `(${a} !== 0 || ${b} !== 0 ? 1 : 0)`,
  'unary-': (a) => `(-${a})`,
  'unary+': (a) => `(+${a})`,
  'unary!': (a) => `(${a} === 0 ? 1 : 0)`,
};

/** Math's functions by identity, called by name in the loop so that V8 inlines them. */
const MATH_NAMES = new Map<Apply, string>(
  Object.getOwnPropertyNames(Math)
    .filter((name) => typeof (Math as unknown as Record<string, unknown>)[name] === 'function')
    .map((name) => [(Math as unknown as Record<string, Apply>)[name], name]),
);

type KernelBody = (leaves: Float64Array[], functions: Apply[], constants: number[], out: Float64Array, n: number, firstEntry: number, sample: number) => void;

/** A fused expression: the subtrees it reads as columns (leaves) and the loop over them. */
export interface FusedKernel {
  leaves: Ir[];
  /** Fills `out` (every element written) and returns it. */
  run(leafValues: Float64Array[], out: Float64Array, firstEntry: number, sample: number): Float64Array;
}

/** Whether a node is computed inside a fused loop (else it is a leaf read as a column). */
function isFusable(ir: Ir): boolean {
  return ir.shape === 'scalar' && (ir.op === 'map' || ir.op === 'ternary' || ir.op === 'const' || ir.op === 'entry' || ir.op === 'sample');
}

class KernelWriter {
  readonly leaves: Ir[] = [];
  readonly functions: Apply[] = [];
  readonly constants: number[] = [];

  private slot<T>(list: T[], item: T): number {
    const at = list.indexOf(item);
    return at >= 0 ? at : list.push(item) - 1;
  }

  write(ir: Ir): string {
    if (!isFusable(ir)) return `l${this.slot(this.leaves, ir)}[i]`;
    switch (ir.op) {
      case 'const':
        return `k${this.slot(this.constants, ir.value)}`;
      case 'entry':
        return '(firstEntry + i)';
      case 'sample':
        return 'sample';
      case 'ternary':
        return `(${this.write(ir.test)} !== 0 ? ${this.write(ir.then)} : ${this.write(ir.otherwise)})`;
      case 'map': {
        const args = ir.args.map((arg) => this.write(arg));
        if (ir.operator !== undefined) return OPERATORS[ir.operator](args[0], args[1]);
        const builtin = MATH_NAMES.get(ir.apply);
        return `${builtin ? `Math.${builtin}` : `f${this.slot(this.functions, ir.apply)}`}(${args.join(', ')})`;
      }
      default:
        throw new Error(`cannot fuse ${ir.op}`);
    }
  }

  /** The loop's source: every leaf, function and constant bound to a local first. */
  body(expression: string): string {
    const locals = [
      ...this.leaves.map((_, k) => `const l${k} = leaves[${k}];`),
      ...this.functions.map((_, k) => `const f${k} = functions[${k}];`),
      ...this.constants.map((_, k) => `const k${k} = constants[${k}];`),
    ];
    // The functions' names are part of the source, so that loops are shared only by calls to the same functions.
    const names = this.functions.map((f) => f.name.replace(/[^\w$]/g, '')).join(' ');
    return `'use strict';\n// functions: ${names}\n${locals.join('\n')}\nfor (let i = 0; i < n; i++) out[i] = ${expression};`;
  }
}

const kernels = new WeakMap<Ir, FusedKernel>();

/**
 * One function per distinct loop source, kept for the process: the same expression compiled again
 * (the next file, trial or run) finds its loop already optimised by V8 instead of warming up anew.
 */
const loops = new Map<string, KernelBody>();
const MAX_LOOPS = 1000;

function loopOf(source: string): KernelBody {
  let loop = loops.get(source);
  if (!loop) {
    if (loops.size >= MAX_LOOPS) loops.clear();
    loop = new Function('leaves', 'functions', 'constants', 'out', 'n', 'firstEntry', 'sample', source) as KernelBody;
    loops.set(source, loop);
  }
  return loop;
}

/** The fused loop of a scalar map or ternary (made once per compiled node). */
export function fusedKernel(ir: Ir): FusedKernel {
  const known = kernels.get(ir);
  if (known) return known;
  const writer = new KernelWriter();
  const expression = writer.write(ir);
  const body = loopOf(writer.body(expression));
  const { leaves, functions, constants } = writer;
  const kernel: FusedKernel = {
    leaves,
    run(leafValues, out, firstEntry, sample) {
      body(leafValues, functions, constants, out, out.length, firstEntry, sample);
      return out;
    },
  };
  kernels.set(ir, kernel);
  return kernel;
}

/** Whether an expression node is evaluated by a fused loop. */
export function isFusedRoot(ir: Ir): boolean {
  return ir.shape === 'scalar' && (ir.op === 'map' || ir.op === 'ternary');
}
