// npm run test:electron: the same integration suite in a desktop VS Code downloaded by
// @vscode/test-electron, for machines that can download it (not run in CI here: offline).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-electron-ws-'));
let seed = 1;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const rows = ['x1,x2,noise,label'];
for (let i = 0; i < 600; i++) {
  const signal = i % 2 === 0;
  rows.push(`${(gauss() + (signal ? 1.5 : 0)).toFixed(4)},${(gauss() - (signal ? 1.5 : 0)).toFixed(4)},${gauss().toFixed(4)},${signal ? 's' : 'b'}`);
}
fs.writeFileSync(path.join(workspace, 'events.csv'), rows.join('\n') + '\n');
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
