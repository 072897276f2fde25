import type { HepmlConfig } from '../../shared/config';
import { ProblemLocator, type Problem } from './problems';

/** Checks of the `execution` section that the schema cannot express. */
export function executionProblems(config: HepmlConfig, locate: ProblemLocator): Problem[] {
  const execution = config.execution;
  if (!execution || execution.backend !== 'local') return [];
  // SLURM settings under a local backend would be silently ignored; say so instead.
  return Object.keys(execution)
    .filter((key) => key !== 'backend')
    .map((key) => locate.at(`/execution/${key}`, `"${key}" applies only to "backend": "slurm"; remove it or set the backend to "slurm".`, { key: true }));
}
