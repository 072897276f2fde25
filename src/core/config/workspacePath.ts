import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { UserError } from '../util/errors';

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The workspace's real path; a missing one (a mistyped --workspace) said in words, not as ENOENT. */
function existingWorkspace(workspace: string): string {
  try {
    return fs.realpathSync(workspace);
  } catch {
    throw new UserError(`the workspace ${workspace} does not exist: give an existing folder with --workspace, or leave --workspace out to use the current folder.`);
  }
}

/**
 * Resolves a file path written in a config (relative to the config's folder) and refuses one
 * that leaves the workspace, directly or through a symbolic link, or that is not a file.
 */
export function resolveInWorkspace(workspace: string, baseDir: string, written: string, what: string): string {
  const root = existingWorkspace(workspace);
  const resolved = path.resolve(baseDir, written);
  if (!isInside(path.resolve(workspace), resolved) && !isInside(root, resolved)) {
    throw new UserError(`${what}: "${written}" is outside the workspace ${workspace}; copy the file into the workspace, or run hepml from a folder that contains it (--workspace).`);
  }
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    throw new UserError(`${what}: file "${written}" does not exist (looked for ${resolved}).`);
  }
  if (!isInside(root, real)) {
    throw new UserError(`${what}: "${written}" is a link to ${real}, outside the workspace ${workspace}; copy the file into the workspace instead.`);
  }
  if (!fs.statSync(real).isFile()) throw new UserError(`${what}: "${written}" is a folder, not a file; give the CSV or ROOT file inside it.`);
  return real;
}

/** The workspace a CLI run uses: the current folder when it holds the config, else the config's folder. */
export function defaultWorkspace(configFile: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, configFile);
  return isInside(path.resolve(cwd), absolute) ? path.resolve(cwd) : path.dirname(absolute);
}

const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * The files of a source's chain, in order: each written path, or each glob's matches sorted by
 * name; every one checked as resolveInWorkspace does.
 */
export function resolveSourceFiles(workspace: string, baseDir: string, written: string[], what: string): string[] {
  const files: string[] = [];
  written.forEach((pattern, i) => {
    const at = written.length > 1 ? `${what}[${i}]` : what;
    if (!GLOB_CHARACTERS.test(pattern)) {
      files.push(resolveInWorkspace(workspace, baseDir, pattern, at));
      return;
    }
    const matches = globSync(pattern, { cwd: baseDir, onlyFiles: true, absolute: true, followSymbolicLinks: false }).sort();
    if (matches.length === 0) throw new UserError(`${at}: "${pattern}" matches no file (looked in ${baseDir}).`);
    for (const match of matches) files.push(resolveInWorkspace(workspace, baseDir, path.relative(baseDir, match), at));
  });
  return files;
}
