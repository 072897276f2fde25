import type { SearchObjective } from '../../shared/config';
import type { FoldOutcome } from '../../shared/workerProtocol';
import { constraintValues } from './constraints';

// A two-objective search: what each objective measures of a trial, which trials no other beats
// in both (the Pareto front), and the rule that picks the one to refit.

/** Losses and costs are minimised; every other score is maximised. */
export function lowerIsBetter(objective: SearchObjective | string): boolean {
  return objective === 'loss' || objective === 'fitSeconds' || objective === 'parameters';
}

/** Objectives as measured, turned into values to minimise (scores negated). */
export function minimisedObjectives(values: number[], names: string[]): [number, number] {
  return values.map((v, i) => (lowerIsBetter(names[i]) ? v : -v)) as [number, number];
}

/** A completed trial's value of an objective: a score's mean over folds, or what constraintValues measures. */
export function objectiveValue(objective: SearchObjective, folds: FoldOutcome[]): number {
  if (objective === 'fitSeconds' || objective === 'parameters' || objective === 'ksPValue') {
    return constraintValues(folds)[objective === 'ksPValue' ? 'ksPValue' : objective] ?? NaN;
  }
  const scores = folds.map((f) => f.scores[objective]);
  return scores.length && scores.every(Number.isFinite) ? scores.reduce((a, b) => a + b, 0) / scores.length : NaN;
}

/** Whether a is at least as good as b everywhere and better somewhere (both minimised). */
function dominates(a: number[], b: number[]): boolean {
  return a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
}

/** The indices of the vectors (minimised, finite) that no other vector dominates. */
export function paretoFront(vectors: number[][]): number[] {
  const finite = vectors.map((v, i) => i).filter((i) => vectors[i].every(Number.isFinite));
  return finite.filter((i) => !finite.some((j) => j !== i && dominates(vectors[j], vectors[i])));
}

/** The area two minimised objectives dominate up to a reference point (2-D hypervolume). */
export function hypervolume2d(vectors: number[][], reference: [number, number]): number {
  const front = paretoFront(vectors)
    .map((i) => vectors[i])
    .filter((v) => v[0] < reference[0] && v[1] < reference[1])
    .sort((a, b) => a[0] - b[0]);
  let volume = 0;
  let ceiling = reference[1];
  for (const [x, y] of front) {
    if (y >= ceiling) continue;
    volume += (reference[0] - x) * (ceiling - y);
    ceiling = y;
  }
  return volume;
}

export interface FrontMember {
  trial: number;
  /** Minimised values of the two objectives. */
  minimised: [number, number];
  /** The first objective's standard deviation over folds. */
  std: number;
}

/**
 * The one-standard-error rule (Breiman et al. 1984, as scikit-learn's refit callable examples):
 * among front members whose first objective is within one CV standard deviation of the best
 * one's, the member best in the second objective. Undefined for an empty front.
 */
export function oneStandardErrorChoice(front: FrontMember[]): FrontMember | undefined {
  if (!front.length) return undefined;
  const best = front.reduce((a, b) => (b.minimised[0] < a.minimised[0] ? b : a));
  const close = front.filter((m) => m.minimised[0] <= best.minimised[0] + best.std);
  return close.reduce((a, b) => (b.minimised[1] < a.minimised[1] || (b.minimised[1] === a.minimised[1] && b.minimised[0] < a.minimised[0]) ? b : a));
}

/** A completed trial that kept every constraint, as the front sees it. */
export interface FrontCandidate {
  trial: number;
  /** Each objective as measured (not negated). */
  objectives: number[];
  /** The first objective's standard deviation over folds. */
  std: number;
}

/**
 * The Pareto front of the candidates (directions from the objectives' names; candidates with a
 * non-finite objective left out) and the trial the one-standard-error rule refits: what the
 * search decides and what its plots show, from one place.
 */
export function paretoChoice(candidates: FrontCandidate[], names: string[]): { front: number[]; chosen?: number } {
  const members = candidates
    .filter((c) => c.objectives.every(Number.isFinite))
    .map((c) => ({ trial: c.trial, minimised: minimisedObjectives(c.objectives, names), std: c.std }));
  const front = paretoFront(members.map((m) => m.minimised)).map((i) => members[i]);
  // In trial order: a stable list for the log, search.json and the tests.
  return { front: front.map((m) => m.trial).sort((a, b) => a - b), chosen: oneStandardErrorChoice(front)?.trial };
}
