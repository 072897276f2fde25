import * as path from 'node:path';
import type { HepmlConfig } from '../../shared/config';
import { inspectFile } from '../data/inspect';
import { parseElement, type TableInfo } from '../data/table';
import { didYouMean } from '../util/didYouMean';
import { isUserError, messageOf } from '../util/errors';
import type { Problem, ProblemLocator } from './problems';
import { defaultWorkspace, resolveInWorkspace } from './workspacePath';

/** Column names of one source (for ROOT: the tree's branches), or a problem. */
async function sourceColumns(file: string, tree: string | undefined): Promise<TableInfo> {
  const tables = await inspectFile(file);
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
    if (source.class === undefined && config.data.label && !names.has(config.data.label.column)) {
      problems.push(locate.at('/data/label/column', `label column "${config.data.label.column}" is not in ${where}.${didYouMean(config.data.label.column, names)}`));
    }
  }
  return problems;
}
