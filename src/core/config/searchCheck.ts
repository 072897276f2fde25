import type { HepmlConfig } from '../../shared/config';
import { applyPoint, configSpace } from '../search/configSpace';
import { ProblemLocator, type Problem } from './problems';
import { schemaProblems } from './schemaCheck';

/** Checks of the `search` section that the schema cannot express. */
export function searchProblems(config: HepmlConfig, locate: ProblemLocator): Problem[] {
  const search = config.search;
  if (!search) return [];
  const problems: Problem[] = [];
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
    const at = `/search/space/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const d = space.dimensions[i];
    const values = d.type === 'categorical' ? d.categories : [d.low, d.high];
    for (const value of values) {
      try {
        const applied = applyPoint(config, [name], [value]);
        const issues = schemaProblems(applied, new ProblemLocator('', undefined));
        if (issues.length === 0) continue;
        problems.push(locate.at(at, `"${name}" = ${JSON.stringify(value)} gives an invalid config: ${issues[0].message}`, { key: true }));
      } catch (error) {
        problems.push(locate.at(at, (error as Error).message + '.', { key: true }));
      }
      break;
    }
  }
  return problems;
}
