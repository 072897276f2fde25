import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunRecord } from '../../shared/run';
import { writeFileAtomic, writeJsonAtomic } from './atomic';
import { parseJson } from './jsonCodec';
import { UserError } from '../util/errors';

export const STORE_DIR = '.hepml';

/** Where runs go unless the user moves them (HEPML_RUNS_DIR, the editor's hepml.runsFolder setting). */
export const DEFAULT_RUNS_FOLDER = path.join(STORE_DIR, 'runs');

/** A training's epochs so far (rewritten after each epoch while it trains). */
export const HISTORY_FILE = 'history.json';

/**
 * A workspace's run store: `folder` (absolute, or relative to the workspace) when given, else
 * HEPML_RUNS_DIR, else `.hepml/runs`. An environment variable, so that workers and batch jobs
 * started by a driver write where the driver does.
 */
export function runsDirectory(workspace: string, folder = process.env.HEPML_RUNS_DIR): string {
  return path.resolve(workspace, folder?.trim() || DEFAULT_RUNS_FOLDER);
}

function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '').slice(0, 40) || 'run';
}

/** A run's folder and its records. */
export class RunDirectory {
  constructor(readonly dir: string) {}

  get id(): string {
    return path.basename(this.dir);
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  readRecord(): RunRecord {
    return parseJson<RunRecord>(fs.readFileSync(this.file('run.json'), 'utf8'));
  }

  writeRecord(record: RunRecord): RunRecord {
    writeJsonAtomic(this.file('run.json'), record);
    return record;
  }

  updateRecord(change: Partial<RunRecord>): RunRecord {
    const record = { ...this.readRecord(), ...change };
    this.writeRecord(record);
    return record;
  }

  /** Makes a folder inside the run (e.g. `folds/0/`). */
  ensureFolder(name: string): void {
    fs.mkdirSync(this.file(name), { recursive: true });
  }

  writeJson(name: string, value: unknown): void {
    writeJsonAtomic(this.file(name), value);
  }

  readJson<T>(name: string): T {
    return parseJson<T>(fs.readFileSync(this.file(name), 'utf8'));
  }
}

/** Creates a fresh run folder holding the frozen config text; the id is unique even under races. */
export function createRunDirectory(workspace: string, name: string, configText: string): RunDirectory {
  const root = runsDirectory(workspace);
  try {
    fs.mkdirSync(root, { recursive: true });
  } catch (error) {
    // Most often HEPML_RUNS_DIR (hepml.runsFolder in the editor) names a file or a read-only place.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`cannot create the run store ${root} (${code}); set HEPML_RUNS_DIR (the editor's hepml.runsFolder) to a folder you can write, or unset it to use ${DEFAULT_RUNS_FOLDER} in the workspace.`);
  }
  for (;;) {
    const id = `${timestamp(new Date())}-${safeName(name)}-${randomBytes(3).toString('hex')}`;
    const dir = path.join(root, id);
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    writeFileAtomic(path.join(dir, 'config.json'), configText);
    return new RunDirectory(dir);
  }
}

/** A run folder inside another (a search's refit), holding its config text. */
export function createChildRunDirectory(parent: RunDirectory, name: string, configText: string): RunDirectory {
  const dir = parent.file(name);
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, 'config.json'), configText);
  return new RunDirectory(dir);
}

/** Run folders of a workspace, newest first (`folder` as for runsDirectory). */
export function listRuns(workspace: string, folder?: string): RunDirectory[] {
  const root = runsDirectory(workspace, folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'run.json')))
    .map((entry) => new RunDirectory(path.join(root, entry.name)))
    .sort((a, b) => fs.statSync(b.file('run.json')).birthtimeMs - fs.statSync(a.file('run.json')).birthtimeMs || b.id.localeCompare(a.id));
}
