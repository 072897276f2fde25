import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data');

const created: string[] = [];
process.on('exit', () => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary folder, removed after the process exits. */
export function tempDir(prefix = 'hepml-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, parts.join('/'));
}

export const hasSharedData = fs.existsSync(SHARED_DATA);
