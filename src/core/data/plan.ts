import type { ResolvedConfig } from '../../shared/config';
import { compileExpression, compileScalar, type CompiledExpression, type ExpressionScope, type Shape } from '../expr/compile';
import { ExpressionError } from '../expr/parse';
import type { BranchRequest } from '../expr/chunks';
import type { TableInfo } from './table';

// What to read from one source and how to turn it into events: every expression of the config
// (features, spectators, weights, selections, fold key, test selection) compiled against the
// source's branches, so that a misspelled name fails before any event is read.

/** A config field's expression that does not compile against a source. */
export class PlanError extends Error {
  constructor(
    /** JSON pointer of the field, e.g. `/data/features/2`. */
    readonly pointer: string,
    /** What the field is, e.g. `feature "met"`. */
    readonly what: string,
    override readonly cause: ExpressionError,
  ) {
    super(`${what}: ${cause.message}`);
  }
}

/** A compiled expression and the config field it comes from. */
export interface PlannedExpression extends CompiledExpression {
  pointer: string;
  /** What the field is, e.g. `feature "met"`. */
  what: string;
}

export interface SourcePlan {
  requests: BranchRequest[];
  features: PlannedExpression[];
  spectators: PlannedExpression[];
  weight?: PlannedExpression;
  sourceWeight?: PlannedExpression;
  selection?: PlannedExpression;
  sourceSelection?: PlannedExpression;
  foldKey?: PlannedExpression;
  testSelection?: PlannedExpression;
  /** The column giving each event's class. */
  labelColumn?: string;
  /** The label column holds numbers (a ROOT or Parquet numeric branch): read as numbers, matched as text. */
  numericLabel?: boolean;
}

const TEXT_LEAVES = new Set(['C', 'string', 'TString']);

/** The names a source's expressions may use: its branches or columns, and the config's defines. */
export function tableScope(info: TableInfo, defines: Record<string, string>, fill: number): ExpressionScope {
  const file = info.file.split(/[\\/]/).pop() ?? info.file;
  const shapes = new Map<string, Shape | 'string'>();
  for (const column of info.columns) {
    if (info.kind === 'csv') shapes.set(column.name, column.type === 'string' ? 'string' : 'scalar');
    else shapes.set(column.name, TEXT_LEAVES.has(column.type) ? 'string' : column.countBranch || column.length ? 'jagged' : 'scalar');
  }
  // A CSV column whose first value is text may still hold numbers further down; the reader says.
  return {
    branch: (name) => (info.kind === 'csv' && shapes.get(name) === 'string' ? 'scalar' : shapes.get(name)),
    branchNames: () => shapes.keys(),
    defines,
    fill,
    where: info.tree ? `tree "${info.tree}" of ${file}` : file,
    nameWord: info.kind === 'root-tree' ? 'branch' : 'column',
  };
}

function compileField(text: string, scope: ExpressionScope, pointer: string, what: string): PlannedExpression {
  // A name that is exactly a column is that column, whatever characters it holds ("p-T", "a b").
  const shape = scope.branch(text);
  if (shape === 'scalar' && !Object.hasOwn(scope.defines, text)) {
    return { text, pointer, what, ir: { op: 'branch', name: text, shape: 'scalar' }, branches: new Map([[text, 'scalar']]) };
  }
  try {
    return { ...compileScalar(text, scope), pointer, what };
  } catch (error) {
    if (error instanceof ExpressionError) throw new PlanError(pointer, what, error);
    throw error;
  }
}

function requestsOf(compiled: (PlannedExpression | undefined)[], labelColumn: string | undefined, numericLabel: boolean): BranchRequest[] {
  const requests = new Map<string, BranchRequest>();
  for (const expression of compiled) {
    if (!expression) continue;
    for (const [name, shape] of expression.branches) {
      if (!requests.has(name)) requests.set(name, { name, kind: shape === 'jagged' ? 'jagged' : 'number', role: expression.what });
    }
  }
  if (labelColumn && !(numericLabel && requests.has(labelColumn))) requests.set(`label:${labelColumn}`, { name: labelColumn, kind: numericLabel ? 'number' : 'string', role: 'label' });
  return [...requests.values()];
}

/**
 * Every expression problem of the config against source `index`'s columns: each define on its
 * own, then each field (a field whose only problem is a broken define is not told again).
 */
export function planProblems(config: ResolvedConfig, index: number, info: TableInfo): PlanError[] {
  const errors: PlanError[] = [];
  const broken = new Set<string>();
  const scope = tableScope(info, config.data.define, config.data.jaggedFill);
  for (const name of Object.keys(config.data.define)) {
    try {
      // As the define itself, so that a cycle is told from this define on.
      compileExpression(config.data.define[name], scope, name);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      errors.push(new PlanError(`/data/define/${pointerKey(name)}`, `define "${name}"`, error));
      broken.add(name);
    }
  }
  for (const compile of planFields(config, index, scope)) {
    try {
      compile();
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      const define = error.cause.brokenDefine;
      if (define === undefined || !broken.has(define)) errors.push(error);
    }
  }
  return errors;
}

function pointerKey(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One compile step per expression field of the config, in the order of the file. */
function planFields(config: ResolvedConfig, index: number, scope: ExpressionScope): (() => unknown)[] {
  const data = config.data;
  const source = data.sources[index];
  const at = `/data/sources/${index}`;
  const steps: (() => unknown)[] = [];
  const add = (text: string | undefined, pointer: string, what: string) => text !== undefined && steps.push(() => compileField(text, scope, pointer, what));
  add(source.selection, `${at}/selection`, `the selection of source ${index}`);
  add(source.weight, `${at}/weight`, `the weight of source ${index}`);
  add(data.selection, '/data/selection', 'data.selection');
  data.features.forEach((f, i) => steps.push(() => compileField(f.name, { ...scope, fill: f.fill }, `/data/features/${i}`, `feature "${f.name}"`)));
  data.spectators.forEach((text, i) => add(text, `/data/spectators/${i}`, `spectator "${text}"`));
  add(data.weight, '/data/weight', 'data.weight');
  add(config.split.testSelection, '/split/testSelection', 'split.testSelection');
  add(config.folds?.by, '/folds/by', 'folds.by');
  return steps;
}

/** Compiles every expression of the config against source `index`'s columns; throws PlanError. */
export function sourcePlan(config: ResolvedConfig, index: number, info: TableInfo): SourcePlan {
  const data = config.data;
  const source = data.sources[index];
  const scope = tableScope(info, data.define, data.jaggedFill);
  const at = `/data/sources/${index}`;
  const features = data.features.map((feature, f) =>
    compileField(feature.name, { ...scope, fill: feature.fill }, `/data/features/${f}`, `feature "${feature.name}"`),
  );
  const spectators = data.spectators.map((text, s) => compileField(text, scope, `/data/spectators/${s}`, `spectator "${text}"`));
  const plan: SourcePlan = {
    requests: [],
    features,
    spectators,
    weight: data.weight === undefined ? undefined : compileField(data.weight, scope, '/data/weight', 'data.weight'),
    sourceWeight: source.weight === undefined ? undefined : compileField(source.weight, scope, `${at}/weight`, `the weight of source ${index}`),
    selection: data.selection === undefined ? undefined : compileField(data.selection, scope, '/data/selection', 'data.selection'),
    sourceSelection: source.selection === undefined ? undefined : compileField(source.selection, scope, `${at}/selection`, `the selection of source ${index}`),
    foldKey: config.folds ? compileField(config.folds.by, scope, '/folds/by', 'folds.by') : undefined,
    testSelection: config.split.testSelection === undefined ? undefined : compileField(config.split.testSelection, scope, '/split/testSelection', 'split.testSelection'),
    labelColumn: source.class === undefined ? data.label?.column : undefined,
  };
  // A numeric branch read as numbers keeps jsroot on its fast path of whole baskets.
  const labelInfo = info.columns.find((c) => c.name === plan.labelColumn);
  plan.numericLabel = info.kind !== 'csv' && labelInfo !== undefined && labelInfo.type !== 'string' && !TEXT_LEAVES.has(labelInfo.type);
  plan.requests = requestsOf([...features, ...spectators, plan.weight, plan.sourceWeight, plan.selection, plan.sourceSelection, plan.foldKey, plan.testSelection], plan.labelColumn, plan.numericLabel ?? false);
  return plan;
}
