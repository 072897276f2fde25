import * as path from 'node:path';
import { getLocation, parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { HepmlConfig } from '../shared/config';
import type { SearchEvent } from '../shared/search';
import { readJournal } from '../core/store/journal';
import { runsOf } from './runStoreView';
import { RUN } from '../core/store/runLayout';
import { searchScoring } from '../core/config/resolveSearch';

/** The best value of one dimension among a search run's finished trials, from its journal (running or done). */
function bestSoFar(runDir: string, dimension: string, lowerBetter: boolean): { value: unknown; score: number; trials: number } | undefined {
  const { records } = readJournal<SearchEvent>(path.join(runDir, RUN.journal.name));
  const started = records.find((r): r is Extract<SearchEvent, { type: 'search-started' }> => r.type === 'search-started');
  const index = started?.names.indexOf(dimension) ?? -1;
  if (index < 0) return undefined;
  const points = new Map<number, unknown[]>();
  let best: { value: unknown; score: number } | undefined;
  let trials = 0;
  for (const record of records) {
    if (record.type === 'asked') points.set(record.trial, record.point);
    if (record.type !== 'told' || !Number.isFinite(record.score)) continue;
    trials++;
    if (!best || (lowerBetter ? record.score < best.score : record.score > best.score)) best = { value: points.get(record.trial)?.[index], score: record.score };
  }
  return best && { ...best, trials };
}

/** Hovering a dimension of `search.space` shows its best value found so far by the config's latest search. */
export class SearchHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const location = getLocation(document.getText(), document.offsetAt(position));
    const [section, space, dimension] = location.path;
    if (section !== 'search' || space !== 'space' || typeof dimension !== 'string' || location.path.length !== 3 || !location.isAtPropertyKey) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    const search = runsOf(folder, document.uri.fsPath).find((r) => r.record.kind === 'search');
    if (!search) return new vscode.Hover(`**${dimension}**: no search of this config has run yet.`);
    // Tolerant parsing: the config may be half-typed; AUC is the default scoring.
    const scoring = searchScoring((parse(document.getText()) as HepmlConfig | undefined)?.search);
    const best = bestSoFar(search.run.dir, dimension, scoring === 'loss');
    if (!best) return new vscode.Hover(`**${dimension}**: no finished trial yet in ${search.run.id}.`);
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${dimension}**: best so far `);
    markdown.appendCodeblock(JSON.stringify(best.value), 'json');
    markdown.appendMarkdown(`(${scoring} ${best.score.toFixed(4)}, best of ${best.trials} finished trial(s) in ${search.record.status} search ${search.run.id})`);
    return new vscode.Hover(markdown);
  }
}
