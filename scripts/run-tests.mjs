// Runs every test/**/*.test.ts with Node's test runner (Node 20's --test takes no globs).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', '--import', 'tsx', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
