import * as fs from 'node:fs';
import type { HepmlConfig } from '../../shared/config';
import type { Diagnostics } from '../../shared/diagnostics';
import type { ExperimentRow } from '../../shared/webviewProtocol';
import { parseConfig } from '../config/parse';
import { parseJson } from '../store/jsonCodec';
import { listRuns, type RunDirectory } from '../store/runStore';
import { verdictsOf } from './verdictsOf';
import { RUN } from '../store/runLayout';

// The experiments table (like DVC's): every run of a workspace with what sets it apart from its
// config as the file reads now, and the figures to compare runs by.

/** Leaf values by dotted path ("training.learningRate"); arrays are leaves. */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) if (key !== '$schema' && key !== 'description') leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out.set(prefix, JSON.stringify(value));
  return out;
}

/** "path=value" for each setting of the run's config that the config file no longer has (or has otherwise). */
export function changedSettings(ran: HepmlConfig, now: HepmlConfig | undefined): string[] {
  if (!now) return [];
  const current = leaves(now);
  return [...leaves(ran)].filter(([key, value]) => current.get(key) !== value).map(([key, value]) => `${key}=${value}`);
}

function readConfigFile(file: string): HepmlConfig | undefined {
  try {
    return parseConfig(fs.readFileSync(file, 'utf8')).config;
  } catch {
    return undefined;
  }
}

function signalEfficiencyAt(diagnostics: Diagnostics | undefined, background: number): number | null {
  return diagnostics?.workingPoints?.points.find((p) => p.target === `background efficiency ${background}`)?.signalEfficiency ?? null;
}

function diagnosticsOf(run: RunDirectory, kind: string): Diagnostics | undefined {
  const file = kind === 'search' ? run.refit().path(RUN.diagnostics) : run.path(RUN.diagnostics);
  return fs.existsSync(file) ? parseJson<Diagnostics>(fs.readFileSync(file, 'utf8')) : undefined;
}

function row(run: RunDirectory, configs: Map<string, HepmlConfig | undefined>): ExperimentRow | undefined {
  try {
    const record = run.readRecord();
    const ran = run.read(RUN.config);
    if (!configs.has(record.configFile)) configs.set(record.configFile, readConfigFile(record.configFile));
    const diagnostics = diagnosticsOf(run, record.kind);
    return {
      dir: run.dir,
      id: run.id,
      config: record.configFile,
      name: record.name,
      kind: record.kind,
      status: record.status,
      created: record.created,
      changed: changedSettings(ran, configs.get(record.configFile)),
      auc: record.metrics?.auc ?? null,
      ksSignal: record.ks?.signal.pValue ?? null,
      ksBackground: record.ks?.background.pValue ?? null,
      signalEfficiencyAt001: signalEfficiencyAt(diagnostics, 0.01),
      signalEfficiencyAt01: signalEfficiencyAt(diagnostics, 0.1),
      epochs: record.epochs ?? null,
      seconds: record.seconds ?? null,
      verdicts: verdictsOf(run.dir).map((v) => v.badge),
    };
  } catch {
    // A run being written or damaged is left out.
    return undefined;
  }
}

/** Every readable run of the workspace's store, newest first. */
export function experimentRows(workspace: string, runsFolder?: string): ExperimentRow[] {
  const configs = new Map<string, HepmlConfig | undefined>();
  return listRuns(workspace, runsFolder)
    .map((run) => row(run, configs))
    .filter((r): r is ExperimentRow => r !== undefined);
}
