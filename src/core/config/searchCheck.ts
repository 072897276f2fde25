import type { HepmlConfig, PrunerConfig } from '../../shared/config';
import { configSpace } from '../search/configSpace';
import { applyPoint } from './configPaths';
import { PRUNER_SETTINGS, SEARCH_DEFAULTS } from './resolveSearch';
import { ProblemLocator, type Problem } from './problems';
import { schemaProblems } from './schemaCheck';

/** Checks of the `search` section that the schema cannot express. */
export function searchProblems(config: HepmlConfig, locate: ProblemLocator): Problem[] {
  const search = config.search;
  if (!search) return [];
  const problems: Problem[] = prunerProblems(search.pruner, locate);
  if (search.objectives && search.scoring !== undefined && search.objectives[0] !== search.scoring) {
    problems.push(locate.at('/search/objectives/0', `the first objective is the search's scoring: "${search.scoring}" (or leave "scoring" out).`));
  }
  if (search.objectives && search.objectives[0] === search.objectives[1]) problems.push(locate.at('/search/objectives/1', 'the two objectives must differ.'));
  // scikit-optimize refuses this too: every call would come from the initial design, none from the GP.
  const nCalls = search.nCalls ?? SEARCH_DEFAULTS.nCalls;
  if (search.method === 'bayes' && search.nInitialPoints !== undefined && search.nInitialPoints > nCalls) {
    problems.push(locate.at('/search/nInitialPoints', `nInitialPoints (${search.nInitialPoints}) is more than nCalls (${nCalls}): every trial would come from the initial design and the Gaussian process would propose none. Lower nInitialPoints or raise nCalls.`));
  }
  // A probability of feasibility multiplies EI or PI; a lower confidence bound has no such product.
  if (search.constraints && Object.keys(search.constraints).length && search.method === 'bayes' && search.acqFunc === 'LCB') {
    problems.push(locate.at('/search/acqFunc', '"LCB" cannot weigh constraints; a constrained Bayesian search takes "EI", "PI" or "gp_hedge" (which then hedges between EI and PI).'));
  }
  for (const [name, spec] of Object.entries(search.space)) {
    const at = `/search/space/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if ('type' in spec) {
      if (!(spec.low < spec.high)) problems.push(locate.at(at, `"${name}": low (${spec.low}) must be below high (${spec.high}).`));
      else if (spec.prior === 'log-uniform' && spec.low <= 0) problems.push(locate.at(`${at}/low`, `"${name}": a log-uniform range needs low > 0.`));
      if (spec.type === 'integer' && (!Number.isInteger(spec.low) || !Number.isInteger(spec.high))) problems.push(locate.at(at, `"${name}": an integer range needs whole-number bounds.`));
      if (search.method === 'grid') problems.push(locate.at(at, `"${name}": a grid search needs a list of values, e.g. {"values": [0.001, 0.01]}.`));
    } else if ('categories' in spec && search.method === 'grid') {
      problems.push(locate.at(at, `"${name}": a grid search takes {"values": [...]}, not categories.`));
    }
  }
  if (problems.length > 0) return problems;
  // Every path must lead somewhere valid with every value (each listed value, both ends of a range).
  const space = configSpace(search);
  for (let i = 0; i < space.names.length; i++) {
    const name = space.names[i];
    const d = space.dimensions[i];
    const problem = configPathProblem(config, name, d.type === 'categorical' ? d.categories : [d.low, d.high]);
    if (problem) problems.push(locate.at(`/search/space/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, problem, { key: true }));
  }
  return problems;
}

/**
 * Why setting config path `name` to one of `values` gives no valid config (an unknown key, a
 * value out of range), or undefined when every value gives a valid one.
 */
export function configPathProblem(config: HepmlConfig, name: string, values: unknown[]): string | undefined {
  for (const value of values) {
    try {
      const issues = schemaProblems(applyPoint(config, [name], [value as number | string]), new ProblemLocator('', undefined));
      if (issues.length > 0) return `"${name}" = ${JSON.stringify(value)} gives an invalid config: ${issues[0].message}`;
    } catch (error) {
      return (error as Error).message + '.';
    }
  }
  return undefined;
}

/** The deepest part of a config path that exists in the config, as a JSON pointer (to locate a message). */
export function existingPointer(config: unknown, name: string): string {
  let node = config;
  let pointer = '';
  for (const part of name.split('.')) {
    const match = /^([^[\]]+)(?:\[(\d+|\*)\])?$/.exec(part);
    if (!match || typeof node !== 'object' || node === null || !(match[1] in node)) break;
    node = (node as Record<string, unknown>)[match[1]];
    pointer += `/${match[1]}`;
    if (match[2] !== undefined && match[2] !== '*' && Array.isArray(node) && Number(match[2]) < node.length) {
      node = node[Number(match[2])];
      pointer += `/${match[2]}`;
    }
  }
  return pointer;
}

/** Checks of the `analysis` section: the validation curve's parameter with each of its values. */
export function analysisProblems(config: HepmlConfig, locate: ProblemLocator): Problem[] {
  const curve = config.analysis?.validationCurve;
  if (!curve) return [];
  const problem = configPathProblem(config, curve.param, curve.values);
  return problem ? [locate.at('/analysis/validationCurve/param', problem)] : [];
}

/** A pruner's settings that belong to another pruner (the schema allows every pruner's keys). */
function prunerProblems(pruner: PrunerConfig | undefined, locate: ProblemLocator): Problem[] {
  const allowed = pruner && PRUNER_SETTINGS[pruner.type];
  if (!allowed) return [];
  return Object.keys(pruner)
    .filter((key) => key !== 'type' && !allowed.includes(key))
    .map((key) => locate.at(`/search/pruner/${key}`, `"${key}" is not a setting of the ${pruner.type} pruner; ${allowed.length ? `it takes ${allowed.join(', ')}` : 'it takes none'}.`, { key: true }));
}
