import type { TableToHost, WebviewToHost } from '../../shared/webviewProtocol';
import { isPlainRecord, tooLarge } from './workerMessages';

/** A message from a dashboard webview, or undefined when it is malformed, oversized or unknown. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (isPlainRecord(value) && value.type === 'export') return parseExport(value);
  if (!isPlainRecord(value) || tooLarge(value)) return undefined;
  if (value.type === 'ready' && Object.keys(value).length === 1) return { type: 'ready' };
  if ((value.type === 'applyBest' || value.type === 'trainBest') && Object.keys(value).length === 1) return { type: value.type };
  if ((value.type === 'openTrial' || value.type === 'openTrialConfig') && Object.keys(value).length === 2 && typeof value.trial === 'number' && Number.isInteger(value.trial) && value.trial >= 0 && value.trial < 1_000_000) {
    return { type: value.type, trial: value.trial };
  }
  if (value.type === 'drawn' && Object.keys(value).length === 2) {
    const rows = plotRows(value.rows);
    return rows ? { type: 'drawn', rows } : undefined;
  }
  if (value.type === 'rendered' && typeof value.plots === 'number' && Number.isInteger(value.plots) && value.plots >= 0 && Array.isArray(value.errors) && value.errors.every((e) => typeof e === 'string')) {
    const rows = plotRows(value.rows);
    const tables = value.tables;
    if (rows === null || (tables !== undefined && !(Array.isArray(tables) && tables.every((t) => typeof t === 'string')))) return undefined;
    return { type: 'rendered', plots: value.plots, errors: value.errors as string[], ...(rows ? { rows } : {}), ...(tables ? { tables: tables as string[] } : {}) };
  }
  return undefined;
}

/** Exported images may be larger than other messages, but not without bound. */
export const MAX_EXPORT_BYTES = 16_000_000;

function parseExport(value: Record<string, unknown>): WebviewToHost | undefined {
  const { id, format, data } = value;
  if (Object.keys(value).length !== 4 || typeof id !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(id) || typeof data !== 'string' || data.length > MAX_EXPORT_BYTES) return undefined;
  if (format === 'svg' && /^<svg[\s>]/.test(data)) return { type: 'export', id, format, data };
  if (format === 'png' && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(data)) return { type: 'export', id, format, data };
  return undefined;
}

/** A rendered message's rows per plot: undefined when absent, null when malformed. */
function plotRows(value: unknown): Record<string, number> | undefined | null {
  if (value === undefined) return undefined;
  if (!isPlainRecord(value)) return null;
  const entries = Object.entries(value);
  if (!entries.every(([id, rows]) => /^[A-Za-z0-9_.-]{1,100}$/.test(id) && typeof rows === 'number' && Number.isInteger(rows) && rows >= 0)) return null;
  return Object.fromEntries(entries) as Record<string, number>;
}

/** A message from the experiments table, or undefined when malformed; run folders must be among `known`. */
export function parseTableMessage(value: unknown, known: ReadonlySet<string>): TableToHost | undefined {
  if (!isPlainRecord(value) || tooLarge(value)) return undefined;
  const dirs = value.dirs;
  const knownDirs = Array.isArray(dirs) && dirs.length <= 50 && dirs.every((d) => typeof d === 'string' && known.has(d));
  if (value.type === 'ready' && Object.keys(value).length === 1) return { type: 'ready' };
  if (value.type === 'compare' && knownDirs && dirs.length >= 2) return { type: 'compare', dirs: dirs as string[] };
  if (value.type === 'diff' && knownDirs && dirs.length === 2) return { type: 'diff', dirs: dirs as [string, string] };
  if (value.type === 'open' && typeof value.dir === 'string' && known.has(value.dir)) return { type: 'open', dir: value.dir };
  return undefined;
}
