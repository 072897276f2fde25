import * as path from 'node:path';
import { readCsv } from '../data/csv';
import type { HepmlConfig } from '../../shared/config';
import { fileVersion, inspectFileCached } from '../data/inspect';
import { parseElement, type TableInfo } from '../data/table';
import { didYouMean } from '../util/didYouMean';
import { isUserError, messageOf } from '../util/errors';
import type { Problem, ProblemLocator } from './problems';
import { defaultWorkspace, resolveInWorkspace } from './workspacePath';

// The editor checks on every pause in typing: label values are read once per version of a
// file (path, size, modification time), a few files at most; headers are cached by inspect.
const CACHE_SIZE = 16;
const labelCache = new Map<string, Set<string>>();

/** The distinct values of a CSV's label column. */
function labelValues(file: string, column: string): Set<string> {
  const key = `${fileVersion(file)}\0${column}`;
  const cached = labelCache.get(key);
  if (cached) return cached;
  const values = new Set<string>();
  for (const raw of readCsv(file, [{ name: column, role: 'label', kind: 'string' }]).strings.get(column) ?? []) {
    const value = raw.trim();
    values.add(value);
    // "1.0" in the file is the label "1", as the reader takes it.
    if (value !== '' && Number.isFinite(Number(value))) values.add(String(Number(value)));
  }
  labelCache.set(key, values);
  if (labelCache.size > CACHE_SIZE) labelCache.delete(labelCache.keys().next().value!);
  return values;
}

/** Column names of one source (for ROOT: the tree's branches), or a problem. */
async function sourceColumns(file: string, tree: string | undefined): Promise<TableInfo> {
  const tables = await inspectFileCached(file);
  const table = tree === undefined ? tables[0] : tables.find((t) => t.tree === tree);
  if (!table) {
    const names = tables.map((t) => `"${t.tree}"`).join(', ');
    throw new Error(`no TTree "${tree}" in ${path.basename(file)}; it has ${names || 'no trees'}.`);
  }
  return table;
}

/**
 * Checks that need the data files' headers: every source readable, and every feature, weight
 * and label column present in each source that must provide it.
 */
export async function dataProblems(config: HepmlConfig, locate: ProblemLocator, configFile: string, workspace?: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const root = workspace ?? defaultWorkspace(configFile);
  for (const [i, source] of config.data.sources.entries()) {
    const at = `/data/sources/${i}`;
    let table: TableInfo;
    try {
      const file = resolveInWorkspace(root, path.dirname(configFile), source.path, 'path');
      table = await sourceColumns(file, source.tree);
    } catch (error) {
      const message = messageOf(error).replace(/^path: /, '');
      problems.push(locate.at(source.tree !== undefined && /TTree/.test(message) ? `${at}/tree` : `${at}/path`, isUserError(error) ? message : `cannot read: ${message}`));
      continue;
    }
    const names = new Set(table.columns.map((c) => c.name));
    const jagged = new Set(table.columns.filter((c) => c.countBranch).map((c) => c.name));
    const where = source.tree ? `tree "${source.tree}" of ${source.path}` : source.path;
    config.data.features.forEach((feature, f) => {
      const name = typeof feature === 'string' ? feature : feature.name;
      const { branch, index } = parseElement(name);
      const pointer = typeof feature === 'string' ? `/data/features/${f}` : `/data/features/${f}/name`;
      if (!names.has(branch)) {
        problems.push(locate.at(pointer, `unknown feature "${name}": ${where} has no such ${table.kind === 'csv' ? 'column' : 'branch'}.${didYouMean(branch, names)}`));
      } else if (index !== undefined && !jagged.has(branch) && table.kind === 'csv') {
        problems.push(locate.at(pointer, `"${name}": CSV columns hold one value per event; write "${branch}".`));
      } else if (index === undefined && jagged.has(branch)) {
        problems.push(locate.at(pointer, `"${branch}" is a jagged branch (counted by ${table.columns.find((c) => c.name === branch)?.countBranch}); pick an element, e.g. "${branch}[0]".`));
      }
    });
    if (config.data.weight && !names.has(config.data.weight)) {
      problems.push(locate.at('/data/weight', `weight column "${config.data.weight}" is not in ${where}.${didYouMean(config.data.weight, names)}`));
    }
    const label = config.data.label;
    if (source.class === undefined && label && !names.has(label.column)) {
      problems.push(locate.at('/data/label/column', `label column "${label.column}" is not in ${where}.${didYouMean(label.column, names)}`));
    } else if (source.class === undefined && label && table.kind === 'csv') {
      const present = labelValues(table.file, label.column);
      for (const value of Object.keys(label.map)) {
        const numeric = value.trim() !== '' && Number.isFinite(Number(value)) ? String(Number(value)) : undefined;
        if (!present.has(value.trim()) && !(numeric && present.has(numeric))) problems.push(locate.at(`/data/label/map/${value.replace(/~/g, '~0').replace(/\//g, '~1')}`, `label value "${value}" never occurs in column "${label.column}" of ${where} (it holds ${[...present].slice(0, 5).map((v) => `"${v}"`).join(', ')}).`, { key: true, severity: 'warning' }));
      }
    }
  }
  return problems;
}
