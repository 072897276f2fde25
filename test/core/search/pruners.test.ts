import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResolvedPruner } from '../../../src/shared/config';
import type { SearchEvent } from '../../../src/shared/search';
import type { FoldOutcome } from '../../../src/shared/workerProtocol';
import { makePruner } from '../../../src/core/search/pruners';
import type { Sampler } from '../../../src/core/search/sampler';
import { Study } from '../../../src/core/search/study';
import { createRng } from '../../../src/core/util/random';
import { needOracle, python } from '../../helpers/oracle';

// The pruners against Optuna's (Debian's python3-optuna): the same learning curves reported trial
// after trial give the same prune decisions. With one fold, fold-aware pruning is Optuna's.

const EPOCHS = 8;

/** Learning curves: a ceiling per trial approached at a per-trial rate, with noise. */
function learningCurves(trials: number, seed: string): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: trials }, () => {
    const ceiling = 0.6 + 0.3 * rng();
    const rate = 0.2 + rng();
    return Array.from({ length: EPOCHS }, (_, t) => ceiling * (1 - Math.exp(-rate * (t + 1))) + 0.01 * (rng() - 0.5));
  });
}

/** A sampler with nothing to learn: points 0, 1, 2, ... */
function countingSampler(): Sampler {
  let next = 0;
  return { ask: () => [next++], tell: () => undefined };
}

const outcome = (curve: number[], score: number): FoldOutcome => ({ scores: { auc: score, weighted_auc: score, accuracy: 0, loss: 0 }, epochs: curve.length, seconds: 1, intermediate: curve });

/** Each trial's curves reported fold by fold, epoch by epoch; the epoch where it was pruned (null: completed). */
function ourPruneEpochs(curves: number[][][], pruner: ResolvedPruner, events: SearchEvent[] = []): (number | null)[] {
  const study = new Study(countingSampler(), { scoring: 'auc', lowerBetter: false, pruner: makePruner(pruner, true), intermediateIsScore: true }, (event) => events.push(event));
  return curves.map((folds) => {
    const trial = study.ask()!.trial;
    for (let fold = 0; fold < folds.length; fold++) {
      for (let epoch = 1; epoch <= EPOCHS; epoch++) if (study.reportEpoch(trial, fold, epoch, folds[fold][epoch - 1])) return epoch;
      study.foldDone(trial, fold, outcome(folds[fold], folds[fold][EPOCHS - 1]));
    }
    study.complete(trial);
    return null;
  });
}

/** Optuna's decisions on the same curves (one fold), steps numbered as the pruner counts them. */
function optunaPruneEpochs(curves: number[][], pruner: string, firstStep: number): (number | null)[] {
  return python<(number | null)[]>(
    `import optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(direction='maximize', pruner=eval(data['pruner'], {'optuna': optuna}))
out = []
for curve in data['curves']:
    trial = study.ask()
    pruned = None
    for i, value in enumerate(curve):
        trial.report(value, i + data['firstStep'])
        if trial.should_prune():
            pruned = i + 1
            break
    if pruned is None:
        study.tell(trial, curve[-1])
    else:
        study.tell(trial, state=optuna.trial.TrialState.PRUNED)
    out.append(pruned)
print(json.dumps(out))`,
    { curves, pruner, firstStep },
  );
}

describe('pruners', () => {
  it('median: the same trials pruned at the same epochs as Optuna MedianPruner', (t) => {
    if (!needOracle(t, 'optuna', 'python3-optuna')) return;
    for (const settings of [
      { startupTrials: 5, warmupEpochs: 0, interval: 1, minTrials: 1 },
      { startupTrials: 3, warmupEpochs: 2, interval: 2, minTrials: 4 },
    ]) {
      const curves = learningCurves(40, `median:${settings.warmupEpochs}`);
      const ours = ourPruneEpochs(curves.map((c) => [c]), { type: 'median', ...settings });
      // Optuna counts steps from 0 here: warm-up steps 0..w-1 are epochs 1..w.
      const theirs = optunaPruneEpochs(curves, `optuna.pruners.MedianPruner(n_startup_trials=${settings.startupTrials}, n_warmup_steps=${settings.warmupEpochs}, interval_steps=${settings.interval}, n_min_trials=${settings.minTrials})`, 0);
      assert.deepEqual(ours, theirs);
      assert.ok(ours.some((e) => e !== null) && ours.some((e) => e === null), 'some trials pruned, some completed');
    }
  });

  it('asha: the same trials pruned at the same epochs as Optuna SuccessiveHalvingPruner', (t) => {
    if (!needOracle(t, 'optuna', 'python3-optuna')) return;
    for (const [minEpochs, reductionFactor] of [[1, 4], [1, 3], [2, 2]]) {
      const curves = learningCurves(40, `asha:${reductionFactor}`);
      const ours = ourPruneEpochs(curves.map((c) => [c]), { type: 'asha', minEpochs, reductionFactor, brackets: 1 });
      // Optuna's rungs are at min_resource x eta^k steps: steps counted from 1 are epochs.
      const theirs = optunaPruneEpochs(curves, `optuna.pruners.SuccessiveHalvingPruner(min_resource=${minEpochs}, reduction_factor=${reductionFactor}, min_early_stopping_rate=0)`, 1);
      assert.deepEqual(ours, theirs);
      assert.ok(ours.filter((e) => e !== null).length >= 10, 'most trials pruned');
    }
  });

  it('compares a fold only with the same fold of other trials', () => {
    // Fold 1 is much harder than fold 0 for every trial. A trial that is the median on each fold
    // would be pruned on fold 1 if fold 1 were compared with fold 0's scores; it is not.
    const fold0 = [0.8, 0.82, 0.84, 0.85, 0.86, 0.86, 0.87, 0.87];
    const harder = (curve: number[], shift: number) => curve.map((v) => v - 0.2 + shift);
    const trial = (shift: number) => [fold0.map((v) => v + shift), harder(fold0, shift)];
    const curves = [trial(0.01), trial(-0.01), trial(0.02), trial(-0.02), trial(0)];
    const epochs = ourPruneEpochs(curves, { type: 'median', startupTrials: 4, warmupEpochs: 0, interval: 1, minTrials: 1 });
    assert.deepEqual(epochs, [null, null, null, null, null], 'the median trial runs both folds to the end');
    const worse = ourPruneEpochs([...curves.slice(0, 4), trial(-0.015)], { type: 'median', startupTrials: 4, warmupEpochs: 0, interval: 1, minTrials: 1 });
    assert.equal(worse[4], 1, 'a trial below the median of its fold is pruned at the first check');
  });

  it('journals a prune with the fold, the epoch and the curve; a replay restores it and never asks again', () => {
    const curves = learningCurves(12, 'replay').map((c) => [c]);
    const events: SearchEvent[] = [];
    const epochs = ourPruneEpochs(curves, { type: 'asha', minEpochs: 1, reductionFactor: 3, brackets: 1 }, events);
    const pruned = events.filter((e): e is Extract<SearchEvent, { type: 'pruned' }> => e.type === 'pruned');
    assert.equal(pruned.length, epochs.filter((e) => e !== null).length);
    for (const event of pruned) {
      assert.equal(event.epoch, epochs[event.trial]);
      assert.equal(event.curve.length, event.epoch);
      // The sampler is told the worse of the worst completed score so far and the trial's own score.
      const before = events.slice(0, events.indexOf(event)).filter((e): e is Extract<SearchEvent, { type: 'told' }> => e.type === 'told').map((e) => e.score);
      assert.equal(event.told, before.reduce((a, b) => Math.min(a, b), event.value));
    }
    const replayed = new Study(countingSampler(), { scoring: 'auc', lowerBetter: false, pruner: makePruner({ type: 'asha', minEpochs: 1, reductionFactor: 3, brackets: 1 }, true) }, () => assert.fail('a replay journals nothing'));
    replayed.replay(events);
    assert.deepEqual([...replayed.trials.values()].map((t) => (t.status === 'pruned' ? t.pruned!.epoch : null)), epochs);
    assert.equal(replayed.records(['x']).filter((r) => r.status === 'pruned').length, pruned.length);
    assert.ok(!replayed.ranked().some((t) => t.status === 'pruned'), 'a pruned trial is never ranked');
  });
});
