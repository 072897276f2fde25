import type { HepmlConfig, Scoring } from '../../shared/config';
import type { FoldOutcome } from '../../shared/workerProtocol';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import { stratifiedKFold } from '../dataset/folds';
import { splitTrainTest } from '../lab/prepare';
import { applyPoint, parsePath } from '../config/configPaths';
import { analysisPool } from '../execution/workerPool';
import { UserError } from '../util/errors';
import type { CurveRequest, CurveResult, CurveSeries } from '../../shared/analysis';

/** Absolute training sizes as scikit-learn's learning_curve turns fractions into them. */
export function absoluteTrainSizes(fractions: number[], maxTrainingEvents: number): number[] {
  for (const f of fractions) {
    if (!(f > 0 && f <= 1)) throw new UserError(`learning-curve size ${f}: give fractions of the training folds in (0, 1].`);
  }
  const sizes = fractions.map((f) => Math.min(maxTrainingEvents, Math.max(1, Math.floor(f * maxTrainingEvents))));
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** scikit-learn's default learning-curve sizes: np.linspace(0.1, 1.0, 5). */
export const DEFAULT_LEARNING_SIZES = [0.1, 0.325, 0.55, 0.775, 1.0];

function series(outcomes: FoldOutcome[][], pick: (o: FoldOutcome) => number): CurveSeries {
  const scores = outcomes.map((folds) => folds.map(pick));
  const mean = scores.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  const std = scores.map((s, i) => Math.sqrt(s.reduce((a, b) => a + (b - mean[i]) ** 2, 0) / s.length));
  return { mean, std, scores };
}

/**
 * A validation curve (training and cross-validation score against one hyper-parameter) or a
 * learning curve (against the number of training events), as scikit-learn's validation_curve and
 * learning_curve, with every fold trained in the worker pool.
 */
export async function runCurve(loaded: LoadedConfig, request: CurveRequest, options: { workerScript: string; jobs?: number; folds?: number; scoring?: Scoring; log?: (line: string) => void }): Promise<CurveResult> {
  const started = performance.now();
  const raw = loaded.raw as HepmlConfig;
  const k = options.folds ?? 3;
  const scoring = options.scoring ?? 'auc';
  const log = options.log ?? (() => undefined);
  let x: (number | string)[];
  let configs: HepmlConfig[];
  let trainSizes: (number | undefined)[];
  if (request.kind === 'validation') {
    parsePath(request.param);
    if (request.values.length === 0) throw new UserError('a validation curve needs at least one value (--values a,b,c).');
    x = request.values;
    configs = request.values.map((value) => {
      try {
        return applyPoint(raw, [request.param], [value]);
      } catch (error) {
        throw new UserError(`--param ${request.param}: ${(error as Error).message}`);
      }
    });
    trainSizes = request.values.map(() => undefined);
  } else {
    const events = await loadConfigEvents(loaded);
    const { train } = splitTrainTest(events, loaded.config);
    const maxTraining = stratifiedKFold(train.labels, k, loaded.config.split.seed)[0].train.length;
    x = absoluteTrainSizes(request.sizes, maxTraining);
    configs = x.map(() => applyPoint(raw, [], []));
    trainSizes = x as number[];
  }
  log(`${request.kind} curve: ${x.length} points x ${k} folds = ${x.length * k} fits`);
  const pool = analysisPool(options.workerScript, options.jobs, log);
  try {
    const outcomes = await Promise.all(
      configs.map((config, p) =>
        Promise.all(
          Array.from({ length: k }, async (_, fold) => {
            const outcome = await pool.run({ id: `${p}:${fold}`, config, configFile: loaded.file, workspace: loaded.workspace, fold, folds: k, trainSize: trainSizes[p], scoreTraining: true });
            log(`[CV ${fold + 1}/${k}] ${request.kind === 'validation' ? `${request.param}=${x[p]}` : `train size ${x[p]}`} ..... train ${scoring}=${outcome.trainingScores![scoring].toFixed(3)}, validation ${scoring}=${outcome.scores[scoring].toFixed(3)}`);
            return outcome;
          }),
        ),
      ),
    );
    return {
      kind: request.kind,
      scoring,
      folds: k,
      param: request.kind === 'validation' ? request.param : undefined,
      x,
      train: series(outcomes, (o) => o.trainingScores![scoring]),
      validation: series(outcomes, (o) => o.scores[scoring]),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await pool.close();
  }
}
