import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrialRecord } from '../../src/shared/search';
import { configSpace } from '../../src/core/search/configSpace';
import { partialDependence } from '../../src/core/report/partialDependence';
import { createRng } from '../../src/core/util/random';
import { needOracle, python } from '../helpers/oracle';

// Parameter importance (first-order main effects of a GP fitted to the trials) against Optuna's
// fANOVA importance (a random forest), on trials whose score depends strongly on one parameter,
// weakly on a second (log-scaled) and not at all on a third.

const SEARCH = {
  method: 'random' as const,
  space: {
    strong: { type: 'real' as const, low: 0, high: 1 },
    weak: { type: 'real' as const, low: 0.001, high: 1, prior: 'log-uniform' as const },
    none: { type: 'integer' as const, low: 1, high: 5 },
  },
};

function trials(count: number): TrialRecord[] {
  const rng = createRng('importance');
  return Array.from({ length: count }, (_, trial) => {
    const strong = rng();
    const weak = 10 ** (-3 * rng());
    const none = 1 + Math.floor(rng() * 5);
    const score = 0.7 + 0.1 * Math.sin(3 * strong) + 0.01 * Math.log10(weak) + 0.001 * (rng() - 0.5);
    return { trial, point: [strong, weak, none], params: { strong, weak, none }, status: 'completed' as const, score, std: 0, foldScores: [score], seconds: 1 };
  });
}

describe('parameter importance', () => {
  it('ranks the parameters as Optuna fANOVA does, with shares within 0.15 of its', (t) => {
    if (!needOracle(t, 'optuna, sklearn', 'python3-optuna python3-sklearn')) return;
    const records = trials(60);
    const ours = Object.fromEntries(partialDependence(configSpace(SEARCH), records)!.importance.map((p) => [p.name, p.importance]));
    const theirs = python<Record<string, number>>(
      `import optuna
from optuna.distributions import FloatDistribution, IntDistribution
optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(direction='maximize')
dists = {'strong': FloatDistribution(0, 1), 'weak': FloatDistribution(0.001, 1, log=True), 'none': IntDistribution(1, 5)}
for t in data:
    study.add_trial(optuna.trial.create_trial(params=t['params'], distributions=dists, value=t['score']))
print(json.dumps(optuna.importance.get_param_importances(study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0))))`,
      records,
    );
    process.stdout.write(`importance: ours ${JSON.stringify(ours)}, fANOVA ${JSON.stringify(theirs)}\n`);
    const rank = (importances: Record<string, number>) => Object.keys(importances).sort((a, b) => importances[b] - importances[a]);
    assert.deepEqual(rank(ours), ['strong', 'weak', 'none']);
    assert.deepEqual(rank(ours), rank(theirs));
    for (const name of Object.keys(theirs)) assert.ok(Math.abs(ours[name] - theirs[name]) < 0.15, `${name}: ours ${ours[name].toFixed(3)}, fANOVA ${theirs[name].toFixed(3)}`);
    assert.ok(Math.abs(Object.values(ours).reduce((a, b) => a + b, 0) - 1) < 1e-9, 'the shares sum to one');
  });
});
