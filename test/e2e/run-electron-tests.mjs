// npm run test:electron: the same integration suite in a desktop VS Code downloaded by
// @vscode/test-electron, for machines that can download it (not run in CI here: offline).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { writeEventsCsv } from './eventsCsv.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-electron-ws-'));
writeEventsCsv(workspace);
try {
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'dist', 'e2e', 'index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
    extensionTestsEnv: { HEPML_E2E_SUITE: 'trusted' },
  });
  fs.rmSync(workspace, { recursive: true, force: true });
} catch (error) {
  console.error(`electron tests failed (workspace kept: ${workspace}):`, error);
  process.exit(1);
}
