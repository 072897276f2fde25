import type { Point } from './space';

/**
 * Proposes points to evaluate and learns from results (Optuna's ask/tell). Several asks may
 * come before their tells (parallel workers); ask returns undefined when nothing is left.
 */
export interface Sampler {
  ask(): Point | undefined;
  /**
   * The value to minimise (NaN: failed); in a constrained search, how far each constraint was
   * broken (> 0) or kept (<= 0); in a two-objective search, both objectives (minimised). Samplers
   * that cannot use the margins or the objectives ignore them.
   */
  tell(point: Point, value: number, constraintMargins?: number[], objectives?: number[]): void;
}

/** Whether two points are the same (numbers compared exactly). */
export function samePoint(a: Point, b: Point): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
