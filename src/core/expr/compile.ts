import { didYouMean } from '../util/didYouMean';
import { lookupFunction, functionNames, type Reduction } from './functions';
import { columnOf, dottedName, ExpressionError, parseExpression, type AstNode } from './parse';

// Expressions compiled against what a source holds: every name resolved (a branch, a define,
// `entry`, `sample`), every value typed as one number per event (scalar) or a collection per
// event (jagged, RVec semantics), so that problems are found before any event is read.

export type Shape = 'scalar' | 'jagged';

/** What names an expression may use. */
export interface ExpressionScope {
  /** A branch's or column's shape; 'string' for text columns; undefined when there is none. */
  branch(name: string): Shape | 'string' | undefined;
  branchNames(): Iterable<string>;
  /** Named expressions (data.define). */
  defines: Readonly<Record<string, string>>;
  /** The value of an element past a collection's end, and of Max/Min of an empty one. */
  fill: number;
  /** Where the branches come from, for messages: e.g. `events.csv` or `tree "events" of zz.root`. */
  where?: string;
  /** What the source calls its names: "column" (CSV, Parquet) or "branch" (ROOT). */
  nameWord?: 'column' | 'branch';
}

export type Ir =
  | { op: 'const'; value: number; shape: 'scalar' }
  | { op: 'branch'; name: string; shape: Shape }
  | { op: 'entry'; shape: 'scalar' }
  | { op: 'sample'; shape: 'scalar' }
  | { op: 'define'; name: string; body: Ir; shape: Shape }
  | { op: 'map'; apply: (...values: number[]) => number; args: Ir[]; shape: Shape; operator?: string }
  | { op: 'ternary'; test: Ir; then: Ir; otherwise: Ir; shape: Shape }
  | { op: 'index'; object: Ir; index: Ir; fill: number; shape: 'scalar' }
  | { op: 'mask'; object: Ir; mask: Ir; shape: 'jagged' }
  | { op: 'reduce'; reduction: Reduction; arg: Ir; fill: number; shape: 'scalar' };

export interface CompiledExpression {
  text: string;
  ir: Ir;
  /** The raw branches it reads, with their shapes. */
  branches: Map<string, Shape>;
}

const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '<': (a, b) => (a < b ? 1 : 0),
  '<=': (a, b) => (a <= b ? 1 : 0),
  '>': (a, b) => (a > b ? 1 : 0),
  '>=': (a, b) => (a >= b ? 1 : 0),
  '==': (a, b) => (a === b ? 1 : 0),
  '!=': (a, b) => (a !== b ? 1 : 0),
  '&&': (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  '||': (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

const UNARY: Record<string, (a: number) => number> = {
  '-': (a) => -a,
  '+': (a) => a,
  '!': (a) => (a === 0 ? 1 : 0),
};

/** Names an expression knows besides branches and defines. */
export const SPECIAL_NAMES = ['entry', 'sample'];

class Compiler {
  readonly branches = new Map<string, Shape>();
  private readonly defineStack: string[] = [];
  private readonly compiledDefines = new Map<string, Ir>();

  constructor(
    private readonly scope: ExpressionScope,
    private readonly text: string,
    defining?: string,
  ) {
    if (defining !== undefined) this.defineStack.push(defining);
    this.ownDefines = this.defineStack.length;
  }

  /** Defines on the stack before this text's own references (the define being compiled). */
  private readonly ownDefines: number;

  /** The define this text refers to that led to the current one: where a problem in it is shown. */
  private get reference(): string | undefined {
    return this.defineStack[this.ownDefines];
  }

  private fail(message: string, name?: string, brokenDefine?: string): never {
    const column = name === undefined ? 0 : columnOf(this.text, name);
    throw new ExpressionError(message, column, name?.length ?? 1, brokenDefine);
  }

  compile(node: AstNode): Ir {
    switch (node.type) {
      case 'Literal':
        return this.literal(node);
      case 'Identifier':
        return this.name(node.name as string);
      case 'MemberExpression':
        return node.computed ? this.index(node) : this.dotted(node);
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression':
        return this.unary(node);
      case 'ConditionalExpression':
        return this.ternary(node);
      case 'CallExpression':
        return this.call(node);
      default:
        return this.fail(`${node.type === 'Compound' ? 'several expressions separated by commas' : 'this construct'} cannot be used here; write one expression.`);
    }
  }

  private literal(node: AstNode): Ir {
    const value = node.value;
    if (typeof value === 'number') return { op: 'const', value, shape: 'scalar' };
    if (typeof value === 'boolean') return { op: 'const', value: value ? 1 : 0, shape: 'scalar' };
    return this.fail(`${JSON.stringify(value)}: only numbers can be used in an expression.`);
  }

  private name(name: string): Ir {
    if (name === 'entry') return { op: 'entry', shape: 'scalar' };
    if (name === 'sample') return { op: 'sample', shape: 'scalar' };
    if (Object.hasOwn(this.scope.defines, name)) return this.define(name);
    const shape = this.scope.branch(name);
    if (shape === 'string') this.fail(`"${name}" holds text; only numeric branches and columns can be used in expressions.`, name);
    if (shape === undefined) {
      if (lookupFunction(name)) this.fail(`"${name}" is a function; call it, e.g. ${name}(x).`, name);
      const known = [...this.scope.branchNames(), ...Object.keys(this.scope.defines), ...SPECIAL_NAMES];
      const word = this.scope.nameWord ?? 'branch';
      const where = this.scope.where ? `${this.scope.where} has no ${word} "${name}"` : `no ${word} "${name}"`;
      this.fail(`${where} and no define has that name.${didYouMean(name, known)}`, name);
    }
    this.branches.set(name, shape);
    return { op: 'branch', name, shape };
  }

  private define(name: string): Ir {
    const known = this.compiledDefines.get(name);
    if (known) return { op: 'define', name, body: known, shape: known.shape };
    if (this.defineStack.includes(name)) {
      this.fail(`defines form a cycle: ${[...this.defineStack.slice(this.defineStack.indexOf(name)), name].join(' -> ')}.`, this.reference ?? name);
    }
    this.defineStack.push(name);
    let body: Ir;
    try {
      body = this.compile(parseExpression(this.scope.defines[name]));
    } catch (error) {
      if (!(error instanceof ExpressionError) || error.message.startsWith('defines form a cycle')) throw error;
      this.fail(`define "${name}" has a problem: ${error.message}`, this.reference, this.reference);
    } finally {
      this.defineStack.pop();
    }
    this.compiledDefines.set(name, body);
    return { op: 'define', name, body, shape: body.shape };
  }

  private dotted(node: AstNode): Ir {
    const name = dottedName(node);
    if (name === undefined) return this.fail('"." can only join the parts of a branch name, e.g. Muon.pt.');
    return this.name(name);
  }

  private index(node: AstNode): Ir {
    const object = this.compile(node.object as AstNode);
    const objectName = dottedName(node.object as AstNode);
    if (object.shape !== 'jagged') {
      this.fail(`${objectName ? `"${objectName}"` : 'this value'} holds one number per event; only collections (jagged branches such as Jet_pt) can be indexed.`, objectName);
    }
    const index = this.compile(node.property as AstNode);
    if (index.shape === 'jagged') return { op: 'mask', object, mask: index, shape: 'jagged' };
    return { op: 'index', object, index, fill: this.scope.fill, shape: 'scalar' };
  }

  private binary(node: AstNode): Ir {
    const operator = node.operator as string;
    const apply = BINARY[operator];
    if (!apply) return this.fail(`operator "${operator}" is not supported; use + - * / % < <= > >= == != && || ! and ?:.`);
    const args = [this.compile(node.left as AstNode), this.compile(node.right as AstNode)];
    return { op: 'map', apply, args, shape: shapeOf(args), operator };
  }

  private unary(node: AstNode): Ir {
    const operator = node.operator as string;
    const apply = UNARY[operator];
    if (!apply) return this.fail(`operator "${operator}" is not supported.`);
    const arg = this.compile(node.argument as AstNode);
    return { op: 'map', apply, args: [arg], shape: arg.shape, operator: `unary${operator}` };
  }

  private ternary(node: AstNode): Ir {
    const test = this.compile(node.test as AstNode);
    const then = this.compile(node.consequent as AstNode);
    const otherwise = this.compile(node.alternate as AstNode);
    return { op: 'ternary', test, then, otherwise, shape: shapeOf([test, then, otherwise]) };
  }

  private call(node: AstNode): Ir {
    const callee = dottedName(node.callee as AstNode);
    const fn = callee === undefined ? undefined : lookupFunction(callee);
    const display = callee?.replace(/__/g, '::');
    if (!fn) {
      const names = functionNames();
      return this.fail(`unknown function ${display ? `"${display}"` : ''}.${display ? didYouMean(display, names) : ''} Functions: ${names.join(', ')}.`, callee);
    }
    const args = (node.arguments as AstNode[]).map((a) => this.compile(a));
    if (fn.kind === 'constant') {
      if (args.length > 0) this.fail(`${display}() takes no arguments.`, callee);
      return { op: 'const', value: fn.value, shape: 'scalar' };
    }
    if (fn.kind === 'reduction') {
      if (args.length !== 1) this.fail(`${display} takes one collection, e.g. ${display}(Jet_pt).`, callee);
      if (args[0].shape !== 'jagged') this.fail(`${display} takes a collection (a jagged branch such as Jet_pt); its argument holds one number per event.`, callee);
      return { op: 'reduce', reduction: fn.reduction, arg: args[0], fill: this.scope.fill, shape: 'scalar' };
    }
    if (args.length !== fn.arity) this.fail(`${display} takes ${fn.arity} argument(s), not ${args.length}.`, callee);
    return { op: 'map', apply: fn.apply, args, shape: shapeOf(args) };
  }
}

function shapeOf(args: Ir[]): Shape {
  return args.some((a) => a.shape === 'jagged') ? 'jagged' : 'scalar';
}

/**
 * Compiles an expression against a scope; throws ExpressionError at the offending column.
 * `defining` names the define whose text this is (a cycle back to it is then named from it).
 */
export function compileExpression(text: string, scope: ExpressionScope, defining?: string): CompiledExpression {
  const compiler = new Compiler(scope, text, defining);
  const ir = compiler.compile(parseExpression(text));
  return { text, ir, branches: compiler.branches };
}

/** Compiles an expression that must give one number per event (a feature, weight or selection). */
export function compileScalar(text: string, scope: ExpressionScope): CompiledExpression {
  const compiled = compileExpression(text, scope);
  if (compiled.ir.shape === 'jagged') {
    throw new ExpressionError(`must be one number per event, but "${text}" is a collection; pick an element (e.g. x[0]) or reduce it (Sum, Max, Min, Mean, Length, Any, All).`, 0, text.length);
  }
  return compiled;
}
