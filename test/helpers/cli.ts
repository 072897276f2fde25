import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `hepml` (dist/cli.js; `npm test` builds it first). */
export function hepml(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'hepml.js'), ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
