// The functions an expression may call, by every spelling physicists use (RDataFrame/RVec,
// TMath::, std::, C's math library). Element-wise functions apply to each value of a
// collection; reductions turn a collection into one value per event.

export type Reduction = 'Sum' | 'Max' | 'Min' | 'Mean' | 'Length' | 'Any' | 'All';

export interface ElementwiseFunction {
  kind: 'elementwise';
  arity: number;
  apply: (...values: number[]) => number;
}

export interface ReductionFunction {
  kind: 'reduction';
  reduction: Reduction;
}

export interface ConstantFunction {
  kind: 'constant';
  value: number;
}

export type ExpressionFunction = ElementwiseFunction | ReductionFunction | ConstantFunction;

/** phi1 - phi2 wrapped into [-pi, pi], as ROOT::VecOps::DeltaPhi. */
export function deltaPhi(phi1: number, phi2: number): number {
  let d = phi1 - phi2;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/**
 * sqrt(x^2 + y^2) as Math.hypot gives it, several times faster: the plain formula where it
 * neither overflows nor underflows, Math.hypot (scaled) elsewhere.
 */
export function hypot(x: number, y: number): number {
  const sum = x * x + y * y;
  if (sum > 1e-290 && sum < 1e290) return Math.sqrt(sum);
  return Math.hypot(x, y);
}

export function deltaR(eta1: number, phi1: number, eta2: number, phi2: number): number {
  return hypot(eta1 - eta2, deltaPhi(phi1, phi2));
}

const unary = (apply: (x: number) => number): ElementwiseFunction => ({ kind: 'elementwise', arity: 1, apply });
const binary = (apply: (x: number, y: number) => number): ElementwiseFunction => ({ kind: 'elementwise', arity: 2, apply });
const reduction = (name: Reduction): ReductionFunction => ({ kind: 'reduction', reduction: name });

const BASE: Record<string, ExpressionFunction> = {
  abs: unary(Math.abs),
  sqrt: unary(Math.sqrt),
  exp: unary(Math.exp),
  log: unary(Math.log),
  log10: unary(Math.log10),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  asinh: unary(Math.asinh),
  acosh: unary(Math.acosh),
  atanh: unary(Math.atanh),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  pow: binary(Math.pow),
  hypot: binary(hypot),
  atan2: binary(Math.atan2),
  min: binary(Math.min),
  max: binary(Math.max),
  deltaPhi: binary(deltaPhi),
  deltaR: { kind: 'elementwise', arity: 4, apply: deltaR },
  Sum: reduction('Sum'),
  Max: reduction('Max'),
  Min: reduction('Min'),
  Mean: reduction('Mean'),
  Length: reduction('Length'),
  Any: reduction('Any'),
  All: reduction('All'),
};

/** Other spellings of the same functions: ROOT's TMath and VecOps, C++'s std, C's fabs. */
const ALIASES: Record<string, string> = {
  fabs: 'abs',
  TMath__Abs: 'abs',
  TMath__Sqrt: 'sqrt',
  TMath__Exp: 'exp',
  TMath__Log: 'log',
  TMath__Log10: 'log10',
  TMath__Sin: 'sin',
  TMath__Cos: 'cos',
  TMath__Tan: 'tan',
  TMath__ASin: 'asin',
  TMath__ACos: 'acos',
  TMath__ATan: 'atan',
  TMath__SinH: 'sinh',
  TMath__CosH: 'cosh',
  TMath__TanH: 'tanh',
  TMath__ASinH: 'asinh',
  TMath__ACosH: 'acosh',
  TMath__ATanH: 'atanh',
  TMath__Floor: 'floor',
  TMath__Ceil: 'ceil',
  TMath__Power: 'pow',
  TMath__Hypot: 'hypot',
  TMath__ATan2: 'atan2',
  TMath__Min: 'min',
  TMath__Max: 'max',
  DeltaPhi: 'deltaPhi',
  DeltaR: 'deltaR',
  Size: 'Length',
  size: 'Length',
  length: 'Length',
};

/** The function called by `name` (also `std::name`, `ROOT::VecOps::name`), if any. */
export function lookupFunction(name: string): ExpressionFunction | undefined {
  if (name === 'TMath__Pi') return { kind: 'constant', value: Math.PI };
  const bare = name.replace(/^(std__|ROOT__VecOps__|ROOT__|VecOps__)/, '');
  return BASE[ALIASES[bare] ?? bare];
}

/** Every name an expression may call, for completion and "did you mean". */
export function functionNames(): string[] {
  return [...Object.keys(BASE), 'TMath::Pi'];
}
