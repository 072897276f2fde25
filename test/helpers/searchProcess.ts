import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SearchEvent } from '../../src/shared/search';
import { readJournal } from '../../src/core/store/journal';
import { REPO } from './paths';

export interface SearchExit {
  code: number | null;
  signal: string | null;
  stdout: string;
  /** Every stderr line (progress and log). */
  lines: string[];
}

/** Starts `hepml search <config> --json ...` in `dir`; `onLine` sees each stderr line as it comes. */
export function startSearch(dir: string, args: string[], onLine: (line: string, child: ChildProcess) => void = () => undefined, env: Record<string, string> = {}, config = 's.hepml.json'): Promise<SearchExit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'hepml.js'), 'search', config, '--json', ...args], { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let buffer = '';
    const lines: string[] = [];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      buffer += d;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        onLine(line, child);
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, lines }));
  });
}

/** The `--json` summary: the last line of stdout. */
export function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

export function journalOf(runDir: string) {
  return readJournal<SearchEvent>(path.join(runDir, 'journal.jsonl'));
}

/** The run folder of a workspace that holds exactly one run. */
export function onlyRun(dir: string): string {
  const runs = path.join(dir, '.hepml', 'runs');
  return path.join(runs, fs.readdirSync(runs)[0]);
}
