import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HepmlConfig, ResolvedConfig } from '../../shared/config';
import { loadEvents } from '../data/dataset';
import { fileVersion } from '../data/inspect';
import { planProblems, type PlanError } from '../data/plan';
import { sourceTable } from '../data/sources';
import type { TableInfo } from '../data/table';
import { screenEvents } from '../diagnostics/screen';
import { dataWarningFixes } from '../verdicts/configFix';
import type { DataWarning } from '../../shared/diagnostics';
import { DataError, isUserError, messageOf } from '../util/errors';
import type { Problem, ProblemLocator } from './problems';
import { resolveConfig } from './resolve';
import { defaultWorkspace, resolveSourceFiles } from './workspacePath';

// The checks that need the data: first the files' headers (every source readable, every name
// in every expression known, each value's shape right), then, where the files are small enough
// or the caller asks, the events themselves read as training would read them.

export interface DataCheckOptions {
  workspace?: string;
  /** Read the events (label values, non-finite values, selections, leakage and outliers): always, never, or below this many bytes of data. */
  readEvents?: boolean | number;
}

/** The editor reads the events when the data files together are smaller than this. */
export const EDITOR_READ_LIMIT = 64 * 1024 * 1024;
const CACHE_SIZE = 8;

// The editor checks on every pause in typing: a source's header is read once per file version,
// and the events once per version of the data section and the files.
const tableCache = new Map<string, Promise<TableInfo>>();
const eventCache = new Map<string, Promise<Finding[]>>();

/** A problem the events show, before it is located in a config's text. */
interface Finding {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
  key?: boolean;
  /** The warning behind it, whose quick fixes the editor offers. */
  warning?: DataWarning;
}

function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  made.catch(() => cache.delete(key));
  cache.set(key, made);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return made;
}

function planToProblem(locate: ProblemLocator, error: PlanError): Problem {
  return locate.inString(error.pointer, error.cause.column, error.cause.length, error.message);
}

/** One problem per place: the same expression fails alike against every source. */
function samePlace(a: Problem, b: Problem): boolean {
  return a.offset === b.offset && a.length === b.length;
}

async function headerProblems(config: ResolvedConfig, locate: ProblemLocator, root: string, configDir: string): Promise<{ problems: Problem[]; files: string[][] }> {
  const problems: Problem[] = [];
  const files: string[][] = [];
  for (const [i, source] of config.data.sources.entries()) {
    const at = `/data/sources/${i}`;
    let table: TableInfo;
    try {
      files.push(resolveSourceFiles(root, configDir, source.path, 'path'));
      const first = files[i][0];
      table = await remember(tableCache, `${fileVersion(first)}\0${JSON.stringify([source.tree, source.format, source.header, source.columns])}`, () => sourceTable(source, first));
    } catch (error) {
      const message = messageOf(error).replace(/^path(\[\d+\])?: /, '');
      problems.push(locate.at(source.tree !== undefined && /TTree/.test(message) ? `${at}/tree` : `${at}/path`, isUserError(error) ? message : `cannot read: ${message}`));
      continue;
    }
    for (const error of planProblems(config, i, table)) {
      const problem = planToProblem(locate, error);
      if (!problems.some((p) => samePlace(p, problem))) problems.push(problem);
    }
    if (table.note) problems.push(locate.at(`${at}/path`, `${path.basename(table.file)}: ${table.note}`, { severity: 'warning' }));
  }
  return { problems, files };
}

function dataSize(files: string[][]): number {
  return files.flat().reduce((total, file) => total + fs.statSync(file).size, 0);
}

/** Reads the events as training would: a problem it meets, or the warnings the events give. */
async function eventFindings(config: ResolvedConfig, files: string[][]): Promise<Finding[]> {
  try {
    const table = await loadEvents(config, files);
    return screenEvents(config, table).map((w) => ({ pointer: w.pointer, message: w.message, severity: 'warning', warning: w }));
  } catch (error) {
    if (error instanceof DataError) return [{ pointer: error.pointer ?? '/data', message: error.message, severity: 'error', key: error.key }];
    return [{ pointer: '/data', message: isUserError(error) ? error.message : `cannot read the events: ${messageOf(error)}`, severity: 'error' }];
  }
}

function shouldRead(option: DataCheckOptions['readEvents'], files: string[][]): boolean {
  if (typeof option === 'boolean') return option;
  return dataSize(files) < (option ?? EDITOR_READ_LIMIT);
}

/**
 * Checks that need the data files: headers always; the events themselves as `readEvents` says
 * (by default when the files are smaller than EDITOR_READ_LIMIT).
 */
export async function dataProblems(raw: HepmlConfig, locate: ProblemLocator, configFile: string, options: DataCheckOptions = {}): Promise<Problem[]> {
  const config = resolveConfig(raw, 'check');
  const root = options.workspace ?? defaultWorkspace(configFile);
  const { problems, files } = await headerProblems(config, locate, root, path.dirname(configFile));
  if (problems.some((p) => p.severity === 'error') || !shouldRead(options.readEvents, files)) return problems;
  const key = JSON.stringify([raw.data, raw.split, raw.folds, raw.training?.useWeights, raw.training?.classBalance, files.flat().map(fileVersion)]);
  const found = await remember(eventCache, key, () => eventFindings(config, files));
  return [...problems, ...found.map((f) => withFixes(locate.at(f.pointer, f.message, { severity: f.severity, key: f.key }), f.warning, raw))];
}

/** A data warning's problem carries its kind and quick fixes. */
function withFixes(problem: Problem, warning: DataWarning | undefined, config: HepmlConfig): Problem {
  if (!warning) return problem;
  const fixes = dataWarningFixes(warning, config);
  return { ...problem, code: warning.kind, ...(fixes.length > 0 ? { fixes } : {}) };
}
