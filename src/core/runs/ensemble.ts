import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnsembleMember, HepmlConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { TestMetrics } from '../../shared/run';
import type { FoldOutcome } from '../../shared/workerProtocol';
import { loadConfigEvents, type LoadedConfig } from '../config/load';
import { parseConfig } from '../config/parse';
import { formatProblem } from '../config/problems';
import { resolveInWorkspace } from '../config/workspacePath';
import { stratifiedKFold } from '../dataset/folds';
import { computeDiagnostics } from '../diagnostics/compute';
import { splitTrainTest } from '../lab/prepare';
import { accuracy, logLoss } from '../metrics/classification';
import { fitLogistic, predictLogistic, type LogisticModel } from '../metrics/logistic';
import { rocAuc } from '../metrics/roc';
import { analysisPool } from '../execution/workerPool';
import { UserError } from '../util/errors';

export interface EnsembleResult {
  method: 'soft' | 'hard' | 'stacking';
  members: { name: string; test: TestMetrics }[];
  test: TestMetrics;
  weights?: number[];
  metaModel?: LogisticModel;
  diagnostics: Diagnostics;
  seconds: number;
}

/** A member's full config: the base config with the member's model, training and preprocessing. */
function memberConfig(loaded: LoadedConfig, member: EnsembleMember, index: number): HepmlConfig {
  const base = structuredClone(loaded.raw) as HepmlConfig;
  delete base.ensemble;
  delete base.search;
  if (member.config) {
    const file = resolveInWorkspace(loaded.workspace, path.dirname(loaded.file), member.config, `${loaded.file}: ensemble.members[${index}].config`);
    const parsed = parseConfig(fs.readFileSync(file, 'utf8'));
    if (!parsed.config) throw new UserError(formatProblem(member.config, parsed.problems.find((p) => p.severity === 'error')!));
    base.model = parsed.config.model;
    if (parsed.config.training) base.training = parsed.config.training;
    if (parsed.config.preprocessing) base.preprocessing = parsed.config.preprocessing;
  }
  if (member.model) base.model = member.model;
  if (member.training) base.training = { ...base.training, ...member.training };
  if (member.preprocessing) base.preprocessing = member.preprocessing;
  const check = parseConfig(JSON.stringify(base));
  const error = check.problems.find((p) => p.severity === 'error');
  if (error) throw new UserError(`${loaded.file}: ensemble.members[${index}] gives an invalid config: ${error.message}`);
  return base;
}

function metrics(labels: number[], scores: number[], weights?: Float64Array): TestMetrics {
  return { auc: rocAuc(labels, scores, weights), accuracy: accuracy(labels, scores, weights), loss: logLoss(labels, scores, weights) };
}

/**
 * Trains the members in the worker pool and combines them: voting over the members refitted on
 * the whole training set, or stacking, whose logistic-regression meta-model learns from the
 * members' out-of-fold predictions (StackingClassifier). The ensemble gets the diagnostics of a
 * single model.
 */
export async function runEnsemble(loaded: LoadedConfig, options: { workerScript: string; jobs?: number; log?: (line: string) => void }): Promise<EnsembleResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const spec = loaded.raw.ensemble;
  if (!spec) throw new UserError(`${loaded.file}: no "ensemble" section; add one (see schemas/hepml.schema.json).`);
  if (loaded.config.data.classes.length > 2) throw new UserError(`${loaded.file}: ensembles are for two classes here; data.classes has ${loaded.config.data.classes.length}.`);
  const method = spec.method ?? 'stacking';
  const k = spec.cv ?? 3;
  const configs = spec.members.map((member, i) => memberConfig(loaded, member, i));
  const names = spec.members.map((member, i) => member.name ?? (member.config ? path.basename(member.config).replace(/\.hepml\.json$/, '') : `member ${i + 1}`));
  const weights = spec.weights ?? spec.members.map(() => 1);
  if (weights.length !== configs.length) throw new UserError(`${loaded.file}: ensemble.weights has ${weights.length} entries for ${configs.length} members.`);

  const events = await loadConfigEvents(loaded);
  const { train, test } = splitTrainTest(events, loaded.config);
  const folds = stratifiedKFold(train.labels, k, loaded.config.split.seed);
  const trainLabels = Array.from(train.labels, (l) => (l === 0 ? 1 : 0));
  const testLabels = Array.from(test.labels, (l) => (l === 0 ? 1 : 0));
  const eventWeights = loaded.config.data.weight ? test.weights : undefined;

  const pool = analysisPool(options.workerScript, options.jobs, log);
  let refits: FoldOutcome[];
  let outOfFold: FoldOutcome[][] = [];
  try {
    const job = (m: number, fold: number, extra: object) => ({ id: `${m}:${fold}`, config: configs[m], configFile: loaded.file, workspace: loaded.workspace, fold, folds: k, ...extra });
    const refitting = Promise.all(configs.map((_, m) => pool.run(job(m, 0, { refit: true })).then((o) => (log(`refit ${names[m]}: test AUC ${rocAuc(testLabels, o.testScores!, eventWeights).toFixed(4)}`), o))));
    const crossFitting = method === 'stacking' ? Promise.all(configs.map((_, m) => Promise.all(folds.map((__, f) => pool.run(job(m, f, { predictions: true })))))) : Promise.resolve([]);
    [refits, outOfFold] = await Promise.all([refitting, crossFitting]);
  } finally {
    await pool.close();
  }

  let combine: (memberScores: number[]) => number;
  let metaModel: LogisticModel | undefined;
  if (method === 'stacking') {
    // Out-of-fold probabilities of every member for every training event: the meta-model's inputs.
    const features = Array.from({ length: train.size }, () => new Array<number>(configs.length).fill(0));
    outOfFold.forEach((memberFolds, m) => memberFolds.forEach((outcome, f) => folds[f].validation.forEach((event, i) => (features[event][m] = outcome.heldOutScores![i]))));
    metaModel = fitLogistic(features, trainLabels);
    combine = (memberScores) => predictLogistic(metaModel!, memberScores);
  } else {
    const total = weights.reduce((a, b) => a + b, 0);
    combine = method === 'soft'
      ? (memberScores) => memberScores.reduce((s, v, m) => s + weights[m] * v, 0) / total
      : (memberScores) => memberScores.reduce((s, v, m) => s + (v > 0.5 ? weights[m] : 0), 0) / total;
  }
  const combined = (which: 'trainScores' | 'testScores', size: number) => Float32Array.from({ length: size }, (_, i) => combine(refits.map((r) => r[which]![i])));
  const trainScores = combined('trainScores', train.size);
  const testScores = combined('testScores', test.size);
  const diagnostics = computeDiagnostics(
    { wanted: loaded.config.diagnostics.filter((d) => d !== 'history' && d !== 'weights'), train: { table: train, scores: trainScores }, test: { table: test, scores: testScores }, history: [], weighted: eventWeights !== undefined, missingValue: loaded.config.data.missing?.value },
    train.featureNames,
    loaded.config.data.classes[0],
  );
  return {
    method,
    members: refits.map((r, m) => ({ name: names[m], test: metrics(testLabels, r.testScores!, eventWeights) })),
    test: metrics(testLabels, Array.from(testScores), eventWeights),
    weights: method === 'stacking' ? undefined : weights,
    metaModel,
    diagnostics,
    seconds: (performance.now() - started) / 1000,
  };
}
