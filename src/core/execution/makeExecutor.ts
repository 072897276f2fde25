import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import type { LoadedConfig } from '../config/load';
import { resolveExecution } from '../config/resolveSearch';
import type { RunDirectory } from '../store/runStore';
import type { TrialExecutor } from './executor';
import { LocalExecutor } from './localExecutor';
import { SlurmExecutor } from './slurm/slurmExecutor';

export interface ExecutorSettings {
  jobs: number;
  timeoutMs: number;
  maxRetries: number;
  log: (line: string) => void;
  isStopping: () => boolean;
}

/** The executor the config's `execution` section asks for: local workers (default) or SLURM jobs. */
export function makeExecutor(loaded: LoadedConfig, run: RunDirectory, scripts: { workerScript: string; cliScript?: string }, settings: ExecutorSettings): TrialExecutor {
  const execution = resolveExecution((loaded.raw as HepmlConfig).execution);
  const configFile = loaded.file;
  const workspace = loaded.workspace;
  if (execution.backend === 'slurm') {
    const cliScript = scripts.cliScript ?? path.join(path.dirname(scripts.workerScript), 'cli.js');
    return new SlurmExecutor(run, { execution, cliScript, configFile, workspace, maxRetries: settings.maxRetries, log: settings.log });
  }
  return new LocalExecutor({ workerScript: scripts.workerScript, runDir: run.dir, configFile, workspace, ...settings });
}
