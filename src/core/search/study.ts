import type { SearchConstraints, SearchObjective } from '../../shared/config';
import type { ConstraintValues, PointValue, SearchEvent, TrialRecord } from '../../shared/search';
import { constraintMargins, constraintNames, constraintValues, violations } from './constraints';
import { minimisedObjectives, objectiveValue, paretoChoice } from './objectives';
import type { FoldOutcome } from '../../shared/workerProtocol';
import { IntermediateScores, type Pruner } from './pruners';
import { samePoint, type Sampler } from './sampler';
import { meanOf, stdOf } from '../util/arrays';
import type { Point } from './space';

// A search's trials and what the sampler was asked and told (Optuna's study): every change is
// an event for the journal, and replaying the journal's events restores the same state, so a
// killed search resumes where it was.

export interface StudyTrial {
  trial: number;
  point: Point;
  status: TrialRecord['status'];
  folds: Map<number, FoldOutcome>;
  score?: number;
  std?: number;
  reason?: string;
  pruned?: { fold: number; epoch: number; value: number };
  /** With constraints, once completed: what it measured, and each limit it broke. */
  constraints?: ConstraintValues;
  violations?: string[];
  /** In a two-objective search, once completed: each objective as measured. */
  objectives?: number[];
}

export interface StudyOptions {
  scoring: string;
  lowerBetter: boolean;
  pruner?: Pruner;
  /** The intermediate scores are the scoring itself, measured earlier (auc, loss), not a proxy. */
  intermediateIsScore?: boolean;
  /** Limits a completed trial must keep to be ranked; the sampler is told its margins. */
  constraints?: SearchConstraints;
  /** Two objectives (the scoring first): the best is chosen from their Pareto front. */
  objectives?: SearchObjective[];
}

/** Thrown when the journal's asks are not what the sampler proposes (the search section changed). */
export class ReplayMismatch extends Error {
  constructor(readonly trial: number) {
    super(`the sampler does not reproduce trial ${trial}`);
  }
}

export class Study {
  readonly trials = new Map<number, StudyTrial>();
  readonly intermediate = new IntermediateScores();
  private readonly curves = new Map<string, number[]>();

  constructor(
    private readonly sampler: Sampler,
    private readonly options: StudyOptions,
    /** Receives each event as it happens (the journal); not called while replaying. */
    private emit: (event: SearchEvent) => void,
  ) {}

  /** Applies journalled events in order; the sampler is asked and told as it was then. */
  replay(events: SearchEvent[]): void {
    const emit = this.emit;
    this.emit = () => undefined;
    try {
      for (const event of events) this.apply(event);
    } finally {
      this.emit = emit;
    }
  }

  private apply(event: SearchEvent): void {
    switch (event.type) {
      case 'asked': {
        const trial = this.ask();
        if (!trial || trial.trial !== event.trial || !samePoint(trial.point, event.point)) throw new ReplayMismatch(event.trial);
        return;
      }
      case 'fold':
        return this.foldDone(event.trial, event.fold, event.outcome);
      case 'told':
        return this.complete(event.trial);
      case 'failed':
        return this.fail(event.trial, event.reason);
      case 'pruned':
        event.curve.forEach((value, i) => this.intermediate.record(event.trial, event.fold, i + 1, value));
        return this.prune(this.trials.get(event.trial)!, event.fold, event.epoch, event.value, event.told, event.curve);
    }
  }

  /** A new trial with the sampler's next point, or undefined when the sampler has none. */
  ask(): StudyTrial | undefined {
    const point = this.sampler.ask();
    if (!point) return undefined;
    const trial: StudyTrial = { trial: this.trials.size, point, status: 'running', folds: new Map() };
    this.trials.set(trial.trial, trial);
    this.emit({ type: 'asked', trial: trial.trial, point: point as PointValue[] });
    return trial;
  }

  foldDone(trial: number, fold: number, outcome: FoldOutcome): void {
    const state = this.trials.get(trial)!;
    state.folds.set(fold, outcome);
    outcome.intermediate?.forEach((value, i) => this.intermediate.record(trial, fold, i + 1, value));
    this.curves.delete(`${trial}:${fold}`);
    this.emit({ type: 'fold', trial, fold, outcome });
  }

  /**
   * A fold's intermediate score after `epoch` (1-based). Returns true when the pruner stops the
   * trial here (journalled before the caller stops its folds).
   */
  reportEpoch(trial: number, fold: number, epoch: number, value: number, mayPrune = true): boolean {
    const state = this.trials.get(trial);
    if (!state || state.status !== 'running') return state?.status === 'pruned';
    const key = `${trial}:${fold}`;
    const curve = this.curves.get(key) ?? [];
    curve[epoch - 1] = value;
    this.curves.set(key, curve);
    this.intermediate.record(trial, fold, epoch, value);
    const pruner = this.options.pruner;
    if (!pruner || !mayPrune) return false;
    const isCompleted = (t: number) => this.trials.get(t)?.status === 'completed';
    let completedTrials = 0;
    for (const t of this.trials.keys()) if (isCompleted(t)) completedTrials++;
    const question = { trial, fold, epoch, curve: curve.filter(Number.isFinite), scores: this.intermediate, completedTrials, isCompleted };
    if (question.curve.length === 0 || !pruner.shouldPrune(question)) return false;
    this.prune(state, fold, epoch, value, this.prunedScore(value), curve);
    return true;
  }

  private worse(a: number, b: number): number {
    if (!Number.isFinite(a)) return b;
    if (!Number.isFinite(b)) return a;
    return this.options.lowerBetter ? Math.max(a, b) : Math.min(a, b);
  }

  /**
   * What the sampler learns of a pruned trial: the worse of the worst completed score and the
   * trial's own intermediate score where that is the scoring measured earlier (a pessimistic
   * estimate of where training would have ended), else the worst completed score (NaN: none
   * yet). A failure (NaN alone) would tell the Gaussian process nothing about the region, and
   * the worst completed score alone equals the best while only one trial has completed.
   */
  private prunedScore(intermediate: number): number {
    const completed = [...this.trials.values()].filter((t) => t.status === 'completed' && Number.isFinite(t.score)).map((t) => t.score!);
    const worstCompleted = completed.reduce((a, b) => this.worse(a, b), NaN);
    return this.options.intermediateIsScore ? this.worse(worstCompleted, intermediate) : worstCompleted;
  }

  private prune(state: StudyTrial, fold: number, epoch: number, value: number, told: number, curve: number[]): void {
    Object.assign(state, { status: 'pruned', pruned: { fold, epoch, value } });
    this.sampler.tell(state.point, this.objective(told));
    this.emit({ type: 'pruned', trial: state.trial, fold, epoch, value, told, curve: [...curve] });
  }

  /** Every fold done: the trial's score is the mean over folds. */
  complete(trial: number): void {
    const state = this.trials.get(trial)!;
    const scores = this.foldScores(state);
    Object.assign(state, { status: 'completed', score: meanOf(scores), std: stdOf(scores) });
    const folds = [...state.folds.values()];
    const constraints = this.options.constraints;
    let margins: number[] | undefined;
    if (constraints && constraintNames(constraints).length) {
      const values = constraintValues(folds);
      Object.assign(state, { constraints: values, violations: violations(constraints, values) });
      margins = constraintMargins(constraints, values);
    }
    const objectives = this.options.objectives;
    if (objectives?.length) state.objectives = objectives.map((o) => objectiveValue(o, folds));
    this.sampler.tell(state.point, this.objective(state.score!), margins, this.minimised(state));
    this.emit({ type: 'told', trial, score: state.score!, std: state.std! });
  }

  fail(trial: number, reason: string): void {
    const state = this.trials.get(trial)!;
    Object.assign(state, { status: 'failed', reason });
    this.sampler.tell(state.point, NaN);
    this.emit({ type: 'failed', trial, reason });
  }

  /** The sampler minimises: scores where higher is better are negated; NaN stays NaN. */
  private objective(score: number): number {
    return Number.isFinite(score) ? (this.options.lowerBetter ? score : -score) : NaN;
  }

  foldScores(state: StudyTrial): number[] {
    return [...state.folds.keys()].sort((a, b) => a - b).map((f) => state.folds.get(f)!.scores[this.options.scoring]);
  }

  /** A trial's objectives as the sampler minimises them (undefined in a one-objective search). */
  private minimised(state: StudyTrial): [number, number] | undefined {
    const objectives = this.options.objectives;
    if (!objectives?.length || !state.objectives) return undefined;
    return minimisedObjectives(state.objectives, objectives);
  }

  /** In a two-objective search: the front of the ranked trials, and the one the rule refits. */
  private pareto(): { front: number[]; chosen?: number } {
    const candidates = this.ranked().filter((t) => t.objectives).map((t) => ({ trial: t.trial, objectives: t.objectives!, std: t.std! }));
    return paretoChoice(candidates, this.options.objectives ?? []);
  }

  /** In a two-objective search, the ranked trials no other ranked trial beats in both objectives. */
  front(): StudyTrial[] {
    return this.pareto().front.map((t) => this.trials.get(t)!);
  }

  /** The trial to refit: the best ranked one, or in a two-objective search the front's one-standard-error choice. */
  best(): StudyTrial | undefined {
    if (!this.options.objectives?.length) return this.ranked()[0];
    const chosen = this.pareto().chosen;
    return chosen === undefined ? undefined : this.trials.get(chosen);
  }

  /** Completed trials with a finite score that keep every constraint, best first. */
  ranked(): StudyTrial[] {
    const ranked = [...this.trials.values()].filter((t) => t.status === 'completed' && Number.isFinite(t.score) && !t.violations?.length);
    return ranked.sort((a, b) => (this.options.lowerBetter ? a.score! - b.score! : b.score! - a.score!));
  }

  /** The trials as trials.json holds them. */
  records(names: string[], states = [...this.trials.values()]): TrialRecord[] {
    return states.map((t) => ({
      trial: t.trial,
      point: t.point as PointValue[],
      params: Object.fromEntries(names.map((n, i) => [n, t.point[i] as PointValue])),
      status: t.status,
      score: t.score,
      std: t.std,
      foldScores: this.foldScores(t),
      seconds: [...t.folds.values()].reduce((s, f) => s + f.seconds, 0),
      reason: t.reason,
      ...(t.pruned ? { pruned: t.pruned } : {}),
      ...(t.constraints ? { constraints: t.constraints, violations: t.violations } : {}),
      ...(t.objectives ? { objectives: t.objectives } : {}),
    }));
  }
}
