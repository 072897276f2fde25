import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig, ResolvedConfig } from '../../shared/config';
import { loadEvents, type EventTable } from '../data/dataset';
import type { PlanError } from '../data/plan';
import { UserError } from '../util/errors';
import { parseConfig } from './parse';
import { formatProblem, type Problem, type ProblemLocator } from './problems';
import { resolveConfig } from './resolve';
import { defaultWorkspace, resolveSourceFiles } from './workspacePath';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  workspace: string;
  text: string;
  raw: HepmlConfig;
  config: ResolvedConfig;
  /** Absolute, checked paths of each data source's files (its chain), in order. */
  sourceFiles: string[][];
  locate: ProblemLocator;
  warnings: Problem[];
}

export function readConfigText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError(`${file}: no such config file.`);
  }
  if (!stat.isFile()) throw new UserError(`${file}: is not a file; give the path of a .hepml.json config.`);
  return fs.readFileSync(file, 'utf8');
}

/** Reads, checks and resolves a config; throws a UserError naming the first problem. */
export function loadConfig(file: string, options: { workspace?: string } = {}): LoadedConfig {
  const absolute = path.resolve(file);
  const text = readConfigText(absolute);
  const parsed = parseConfig(text);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.config || errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s): run hepml validate ${file})` : '';
    throw new UserError(formatProblem(file, errors[0]) + more);
  }
  const workspace = path.resolve(options.workspace ?? defaultWorkspace(absolute));
  const baseName = path.basename(absolute).replace(/\.hepml\.json$|\.json$/, '');
  const config = resolveConfig(parsed.config, baseName);
  const sourceFiles = config.data.sources.map((source, i) => resolveSourceFiles(workspace, path.dirname(absolute), source.path, `${file}: data.sources[${i}].path`));
  return {
    file: absolute,
    workspace,
    text,
    raw: parsed.config,
    config,
    sourceFiles,
    locate: parsed.locate,
    warnings: parsed.problems.filter((p) => p.severity === 'warning'),
  };
}

/** An expression of the config that does not compile, as `file:line:col: message`. */
export function planProblem(loaded: Pick<LoadedConfig, 'file' | 'locate'>, error: PlanError): string {
  return formatProblem(loaded.file, loaded.locate.inString(error.pointer, error.cause.column, error.cause.length, error.message));
}

/** The config's events, its expression problems named at their place in the config. */
export function loadConfigEvents(loaded: LoadedConfig): Promise<EventTable> {
  return loadEvents(loaded.config, loaded.sourceFiles, { describePlanError: (error) => planProblem(loaded, error) });
}
