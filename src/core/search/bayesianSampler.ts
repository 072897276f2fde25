import { createRng, normalDraw, type Rng } from '../util/random';
import { ACQUISITIONS, type AcquisitionName, type AcquisitionParameters } from './acquisition';
import { Feasibility, keptAll } from './feasibility';
import { GaussianProcess } from './gaussianProcess';
import { samePoint, type Sampler } from './sampler';
import { latinHypercube, type Point, type Space } from './space';
import { sobolPoints } from './sobol';
import { warpOutputs, type Warped } from './outputWarping';
import { maxOf, minOf } from '../util/arrays';

export type AcquisitionChoice = AcquisitionName | 'gp_hedge';
export type InitialPointGenerator = 'random' | 'lhs' | 'sobol';

export interface BayesianOptions {
  nInitialPoints?: number;
  acqFunc?: AcquisitionChoice;
  xi?: number;
  kappa?: number;
  randomState?: number;
  initialPointGenerator?: InitialPointGenerator;
  /** Candidates drawn to optimise the acquisition before local refinement. */
  nCandidates?: number;
  /** Yeo-Johnson warping of the modelled values (outputWarping.ts), once REFINE_AFTER are told. */
  outputWarping?: boolean;
  /** The share of the acquisition's candidates drawn around the best points told, once REFINE_AFTER are told (default a half; 0: none). */
  localShare?: number;
  /** The acquisition's spread that of a new observation (the fitted noise added), once REFINE_AFTER are told. */
  observationNoise?: boolean;
}

const HEDGE_ETA = 1;
/** ParEGO's augmentation: a small share of the weighted sum keeps weakly dominated points from tying. */
const PAREGO_RHO = 0.05;
const REFINE_STARTS = 5;
const REFINE_ROUNDS = 20;
/**
 * Values told before the output warping, the local candidates and the observation noise in the
 * acquisition start (scikit-optimize's default initial design): a power transform or a noise
 * level fitted to fewer is mostly noise, and an incumbent among fewer says little about where
 * the optimum is.
 */
const REFINE_AFTER = 10;

/**
 * Bayesian optimisation: a space-filling initial design, then the minimiser of an acquisition
 * function of a Gaussian-process surrogate (scikit-optimize's Optimizer). Points asked but not
 * yet told are treated as observed at the best value so far (constant liar), so parallel
 * workers get distinct proposals.
 */
export class BayesianSampler implements Sampler {
  private readonly rng: Rng;
  private readonly initial: number[][];
  private readonly observed: { unit: number[]; point: Point; value: number; margins?: number[]; objectives?: number[] }[] = [];
  private readonly pending: { unit: number[]; point: Point }[] = [];
  private asked = 0;
  private readonly gains = { EI: 0, PI: 0, LCB: 0 };
  private hedgeCandidates?: Record<AcquisitionName, number[]>;
  private lastHyperParameters?: Float64Array;
  readonly options: Required<Omit<BayesianOptions, 'randomState'>>;
  /** The acquisition each proposal used (gp_hedge varies). */
  readonly acquisitionsUsed: AcquisitionName[] = [];

  constructor(
    private readonly space: Space,
    options: BayesianOptions = {},
  ) {
    this.options = {
      nInitialPoints: options.nInitialPoints ?? 10,
      acqFunc: options.acqFunc ?? 'gp_hedge',
      xi: options.xi ?? 0.01,
      kappa: options.kappa ?? 1.96,
      initialPointGenerator: options.initialPointGenerator ?? 'random',
      nCandidates: options.nCandidates ?? 10000,
      outputWarping: options.outputWarping ?? true,
      localShare: options.localShare ?? 0.5,
      observationNoise: options.observationNoise ?? true,
    };
    this.rng = createRng(`bayes:${options.randomState ?? Math.random()}`);
    const n = this.options.nInitialPoints;
    const d = space.size;
    this.initial =
      this.options.initialPointGenerator === 'lhs'
        ? latinHypercube(n, d, this.rng)
        : this.options.initialPointGenerator === 'sobol'
          ? sobolPoints(n, d, this.rng)
          : Array.from({ length: n }, () => space.randomUnit(this.rng));
  }

  ask(): Point {
    const index = this.asked++;
    let unit: number[];
    if (index < this.initial.length || this.observed.length === 0) {
      unit = index < this.initial.length ? this.initial[index] : this.space.randomUnit(this.rng);
    } else {
      unit = this.propose();
    }
    const point = this.space.inverse(unit);
    this.pending.push({ unit: this.space.transform(point), point });
    return point;
  }

  tell(point: Point, value: number, constraintMargins?: number[], objectives?: number[]): void {
    const at = this.pending.findIndex((p) => samePoint(p.point, point));
    if (at >= 0) this.pending.splice(at, 1);
    this.observed.push({ unit: this.space.transform(point), point, value, ...(constraintMargins ? { margins: constraintMargins } : {}), ...(objectives ? { objectives } : {}) });
  }

  /**
   * The value the GP models for each told point: the value itself, or in a two-objective search
   * ParEGO's scalarisation (Knowles 2006): both objectives normalised to [0, 1] over the points
   * told, weighted by a fresh random weight per proposal, in an augmented Chebyshev sum, so that
   * successive proposals aim at different parts of the Pareto front. NaN: failed or pruned.
   */
  private modelledValues(): number[] {
    const vectors = this.observed.map((o) => (o.objectives?.every(Number.isFinite) ? o.objectives : undefined));
    const told = vectors.filter((v): v is number[] => v !== undefined);
    if (!told.length) return this.observed.map((o) => o.value);
    const low = told[0].map((_, k) => minOf(told.map((v) => v[k])));
    const high = told[0].map((_, k) => maxOf(told.map((v) => v[k])));
    const w = this.rng();
    const weights = [w, 1 - w];
    return vectors.map((v) => {
      if (!v) return NaN;
      const terms = v.map((value, k) => weights[k] * (high[k] > low[k] ? (value - low[k]) / (high[k] - low[k]) : 0));
      return maxOf(terms) + PAREGO_RHO * terms.reduce((a, b) => a + b, 0);
    });
  }

  private propose(): number[] {
    const modelled = this.modelledValues();
    const x = [...this.observed.map((o) => o.unit), ...this.pending.map((p) => p.unit)];
    const told = modelled.filter(Number.isFinite);
    const refining = told.length >= REFINE_AFTER;
    const warp = this.options.outputWarping && refining ? warpFinite(modelled) : undefined;
    const values = warp?.values ?? modelled;
    const { gp, best } = this.surrogate(x, values);
    this.lastHyperParameters = gp.hyperParameters;
    // xi is an improvement in the objective's own units: the same improvement on the warped scale.
    const xi = warp ? best - warp.map(minOf(told) - this.options.xi) : this.options.xi;
    const scorer = this.scorer(gp, best, values, xi, this.options.observationNoise && refining);
    const centres = refining ? this.centres(values) : [];
    const names = this.hedged(scorer.constrained);
    if (this.options.acqFunc !== 'gp_hedge') {
      this.acquisitionsUsed.push(this.options.acqFunc);
      return this.minimiseAcquisition(scorer.of(this.options.acqFunc), x, centres);
    }
    // gp_hedge: reward each acquisition by how good its last proposal now looks under the GP.
    if (this.hedgeCandidates) {
      // On the GP's scale (standardised, warped once 10 values are told), not the objective's own:
      // gains in its own units let one acquisition take over where values span decades (bench/README).
      for (const name of names) this.gains[name] -= gp.predict([this.hedgeCandidates[name]]).mean[0];
    }
    const proposals = {} as Record<AcquisitionName, number[]>;
    for (const name of names) proposals[name] = this.minimiseAcquisition(scorer.of(name), x, centres);
    this.hedgeCandidates = proposals;
    const top = maxOf(names.map((n) => this.gains[n]));
    const weights = names.map((n) => Math.exp(HEDGE_ETA * (this.gains[n] - top)));
    let r = this.rng() * weights.reduce((a, b) => a + b, 0);
    let chosen = names[names.length - 1];
    for (let i = 0; i < names.length; i++) {
      r -= weights[i];
      if (r <= 0) {
        chosen = names[i];
        break;
      }
    }
    this.acquisitionsUsed.push(chosen);
    return proposals[chosen];
  }

  /** The acquisitions gp_hedge chooses among: LCB has no product with a probability of feasibility. */
  private hedged(constrained: boolean): AcquisitionName[] {
    return constrained ? ['EI', 'PI'] : (Object.keys(this.gains) as AcquisitionName[]);
  }

  /** The GP of the values told (failed ones as the worst, pending ones as the best: constant liar). */
  private surrogate(x: number[][], values: number[]): { gp: GaussianProcess; best: number } {
    const finite = values.filter(Number.isFinite);
    const worst = finite.length ? maxOf(finite) : 0;
    const best = finite.length ? minOf(finite) : 0;
    const y = [...values.map((v) => (Number.isFinite(v) ? v : worst)), ...this.pending.map(() => best)];
    return { gp: GaussianProcess.fit(x, y, this.rng, { warmStart: this.lastHyperParameters }), best };
  }

  /**
   * Each acquisition as a function of candidates to minimise. In a constrained search, EI or PI
   * over the best trial that kept every constraint, times the probability of keeping them; with
   * no such trial yet, the probability alone (find a feasible region first).
   */
  private scorer(gp: GaussianProcess, best: number, values: number[], xi: number, observation: boolean): { constrained: boolean; of: (name: AcquisitionName) => (points: number[][]) => number[] } {
    const constrained = this.observed.filter((o) => o.margins);
    const feasibility = constrained.length ? Feasibility.fit(constrained.map((o) => ({ unit: o.unit, margins: o.margins! })), this.rng) : undefined;
    const feasibleValues = values.filter((v, i) => this.observed[i].margins && Number.isFinite(v) && keptAll(this.observed[i].margins));
    const yBest = !feasibility ? best : feasibleValues.length ? minOf(feasibleValues) : undefined;
    const parameters: AcquisitionParameters = { yBest: yBest ?? best, xi, kappa: this.options.kappa };
    const of = (name: AcquisitionName) => (points: number[][]) => {
      // With `observation`, the spread of a new observation, not of the latent function: where the
      // fit leaves much of the values unexplained EI explores more (a trial's CV score is such an
      // observation). Measured in bench/README "Search suite": lower regret on 17 and 22 of 28
      // function-seed sets at 30 and 60 calls; before 10 values it made bayes.hepml.json worse.
      const { mean, std } = gp.predict(points, { observation });
      const values = mean.map((m, i) => ACQUISITIONS[name](m, std[i], parameters));
      if (!feasibility) return values;
      const p = feasibility.probability(points);
      return yBest === undefined ? p.map((v) => -v) : values.map((v, i) => v * p[i]);
    };
    return { constrained: feasibility !== undefined, of };
  }

  /**
   * Uniform random candidates and, with centres, a localShare of them Gaussian perturbations of
   * the centres (scales from 0.005 to 0.3 of the unit cube): EI's optimum usually lies near the
   * best points told, where uniform points grow sparse with the dimension.
   */
  private candidates(centres: number[][]): number[][] {
    const total = this.options.nCandidates;
    const nLocal = centres.length ? Math.floor(total * this.options.localShare) : 0;
    const candidates = Array.from({ length: total - nLocal }, () => this.space.snap(this.space.randomUnit(this.rng)));
    for (let i = 0; i < nLocal; i++) {
      const centre = this.rng() < 0.5 ? centres[0] : centres[Math.floor(this.rng() * centres.length)];
      const scale = 0.005 * 60 ** this.rng();
      candidates.push(this.space.snap(centre.map((v) => Math.min(1, Math.max(0, v + scale * normalDraw(this.rng))))));
    }
    return candidates;
  }

  /** Where local candidates go: the points of the best few modelled values, best first. */
  private centres(values: number[]): number[][] {
    if (this.options.localShare <= 0) return [];
    const told = values.map((value, i) => ({ value, unit: this.observed[i].unit })).filter((o) => Number.isFinite(o.value));
    return told.sort((a, b) => a.value - b.value).slice(0, REFINE_STARTS).map((o) => o.unit);
  }

  /** Dense random candidates, then local refinement of the best few; never an evaluated point. */
  private minimiseAcquisition(score: (points: number[][]) => number[], taken: number[][], centres: number[][]): number[] {
    const isTaken = (unit: number[]) => taken.some((t) => t.every((v, k) => Math.abs(v - unit[k]) < 1e-12));
    const candidates = this.candidates(centres);
    const values = score(candidates);
    const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
    const starts = order.filter((i) => !isTaken(candidates[i])).slice(0, REFINE_STARTS);
    let best = starts.length ? candidates[starts[0]] : this.space.randomUnit(this.rng);
    let bestValue = starts.length ? values[starts[0]] : Infinity;
    for (const start of starts) {
      let current = candidates[start];
      let currentValue = values[start];
      let step = 0.05;
      for (let round = 0; round < REFINE_ROUNDS; round++) {
        const neighbours = Array.from({ length: 2 * current.length }, () =>
          this.space.snap(current.map((v) => Math.min(1, Math.max(0, v + step * (2 * this.rng() - 1))))),
        );
        const neighbourValues = score(neighbours);
        let improved = false;
        neighbourValues.forEach((value, i) => {
          if (value < currentValue && !isTaken(neighbours[i])) {
            current = neighbours[i];
            currentValue = value;
            improved = true;
          }
        });
        if (!improved) step /= 2;
      }
      if (currentValue < bestValue) {
        best = current;
        bestValue = currentValue;
      }
    }
    return best;
  }
}

/** Warps the finite values (outputWarping.ts); NaN (failed, pruned) stays NaN. */
function warpFinite(values: number[]): Warped {
  const warped = warpOutputs(values.filter(Number.isFinite));
  let next = 0;
  return { values: values.map((v) => (Number.isFinite(v) ? warped.values[next++] : v)), map: warped.map };
}
