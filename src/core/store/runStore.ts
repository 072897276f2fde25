import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunRecord } from '../../shared/run';
import { writeFileAtomic, writeJsonAtomic } from './atomic';
import { REFIT_FOLDER, RUN, type RunFile } from './runLayout';
import { parseJson } from './jsonCodec';
import { UserError } from '../util/errors';

export const STORE_DIR = '.hepml';

/** Where runs go unless the user moves them (HEPML_RUNS_DIR, the editor's hepml.runsFolder setting). */
export const DEFAULT_RUNS_FOLDER = path.join(STORE_DIR, 'runs');

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

  /** Where one of the run's files is (it may not exist yet). */
  path(file: RunFile<unknown>): string {
    return this.file(file.name);
  }

  has(file: RunFile<unknown>): boolean {
    return fs.existsSync(this.path(file));
  }

  read<T>(file: RunFile<T>): T {
    return parseJson<T>(fs.readFileSync(this.path(file), 'utf8'));
  }

  /** The file's value, or undefined while it is not written. */
  readIfPresent<T>(file: RunFile<T>): T | undefined {
    return this.has(file) ? this.read(file) : undefined;
  }

  write<T>(file: RunFile<T>, value: T): void {
    writeJsonAtomic(this.path(file), value);
  }

  /** A search's refit run, inside its folder. */
  refit(): RunDirectory {
    return new RunDirectory(this.file(REFIT_FOLDER));
  }

  readRecord(): RunRecord {
    return this.read(RUN.record);
  }

  writeRecord(record: RunRecord): RunRecord {
    this.write(RUN.record, record);
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
    writeFileAtomic(path.join(dir, RUN.config.name), configText);
    return new RunDirectory(dir);
  }
}

/** A run folder inside another (a search's refit), holding its config text. */
export function createChildRunDirectory(parent: RunDirectory, name: string, configText: string): RunDirectory {
  const dir = parent.file(name);
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, RUN.config.name), configText);
  return new RunDirectory(dir);
}

/** Run folders of a workspace, newest first (`folder` as for runsDirectory). */
export function listRuns(workspace: string, folder?: string): RunDirectory[] {
  const root = runsDirectory(workspace, folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, RUN.record.name)))
    .map((entry) => new RunDirectory(path.join(root, entry.name)))
    .sort((a, b) => fs.statSync(b.path(RUN.record)).birthtimeMs - fs.statSync(a.path(RUN.record)).birthtimeMs || b.id.localeCompare(a.id));
}
