import * as path from 'node:path';
import { getLocation, parseTree, findNodeAtOffset, type JSONPath } from 'jsonc-parser';
import type { HepmlConfig } from '../../shared/config';
import { sourceTable } from '../data/sources';
import type { TableInfo } from '../data/table';
import { functionNames } from '../expr/functions';
import { SPECIAL_NAMES } from '../expr/compile';
import { appendAll } from '../util/arrays';
import { resolveConfig } from './resolve';
import { defaultWorkspace, resolveSourceFiles } from './workspacePath';

// Completion of names inside expression strings (defines, selections, features, weights, ...):
// the branches or columns of the config's first source, its defines, functions, entry and sample.

export interface ExpressionCompletion {
  label: string;
  kind: 'branch' | 'define' | 'function' | 'variable';
  detail: string;
}

export interface CompletionResult {
  items: ExpressionCompletion[];
  /** The text offsets of the word being typed (replaced by the chosen item). */
  start: number;
  end: number;
}

/** Whether a JSON path leads to an expression string. */
export function isExpressionPath(p: JSONPath): boolean {
  const [a, b, c, d] = p;
  if (a === 'data') {
    if (b === 'define' && typeof c === 'string' && p.length === 3) return true;
    if ((b === 'selection' || b === 'weight') && p.length === 2) return true;
    if ((b === 'features' || b === 'spectators') && typeof c === 'number' && (p.length === 3 || d === 'name')) return true;
    if (b === 'sources' && typeof c === 'number' && (d === 'selection' || d === 'weight') && p.length === 4) return true;
  }
  return (a === 'split' && b === 'testSelection' && p.length === 2) || (a === 'folds' && b === 'by' && p.length === 2);
}

function branchItems(table: TableInfo): ExpressionCompletion[] {
  return table.columns.map((c) => ({ label: c.name, kind: 'branch', detail: c.countBranch ? `${c.type}[${c.countBranch}] (a collection)` : c.type }));
}

/** Completions at `offset` of a config's text, or undefined outside an expression string. */
export async function expressionCompletions(text: string, offset: number, configFile: string, workspace?: string): Promise<CompletionResult | undefined> {
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey || !isExpressionPath(location.path)) return undefined;
  const root = parseTree(text);
  const node = root && findNodeAtOffset(root, offset);
  if (!node || node.type !== 'string') return undefined;
  // The word under the cursor: identifier characters (and ::) before and after it, inside the string.
  const inside = text.slice(node.offset + 1, node.offset + node.length - 1);
  const at = offset - node.offset - 1;
  let start = at;
  while (start > 0 && /[\w:.]/.test(inside[start - 1])) start--;
  let end = at;
  while (end < inside.length && /\w/.test(inside[end])) end++;
  const items: ExpressionCompletion[] = [];
  let config: HepmlConfig | undefined;
  try {
    config = JSON.parse(text) as HepmlConfig;
  } catch {
    config = undefined;
  }
  const defines = config?.data?.define ?? {};
  const defining = location.path[1] === 'define' ? String(location.path[2]) : undefined;
  for (const name of Object.keys(defines)) if (name !== defining) items.push({ label: name, kind: 'define', detail: defines[name] });
  for (const name of SPECIAL_NAMES) items.push({ label: name, kind: 'variable', detail: name === 'entry' ? 'entry number in its source' : "the source's index" });
  for (const name of functionNames()) items.push({ label: name, kind: 'function', detail: 'function' });
  if (config?.data?.sources?.length) {
    try {
      const source = resolveConfig(config, 'complete').data.sources[0];
      const files = resolveSourceFiles(workspace ?? defaultWorkspace(configFile), path.dirname(configFile), source.path, 'path');
      appendAll(items, branchItems(await sourceTable(source, files[0])));
    } catch {
      // Without a readable first source, names other than branches are still offered.
    }
  }
  return { items, start: node.offset + 1 + start, end: node.offset + 1 + end };
}
