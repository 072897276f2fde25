// Runs the integration suite (dist/e2e/index.js) inside the real Node extension host of
// code-server, driven by Debian's Chromium through playwright-core: the web workbench reads
// extensionDevelopmentPath / extensionTestsPath from its `payload` URL parameter and calls
// window.codeAutomationExit(code) when the test extension host exits.
// Needs: bash test/e2e/harness/install.sh (code-server 4.139 on Node 24, from the npm registry).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCodeServer } from './codeServer.mjs';
import { writeEventsCsv } from './eventsCsv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
// --restricted: the same workspace opened in restricted mode (Workspace Trust), with its own suite.
const restricted = process.argv.includes('--restricted');
const port = Number(process.env.CS_TEST_PORT || (restricted ? 8093 : 8091));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-e2e-ws-'));
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const started = Date.now();
const lap = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

writeEventsCsv(workspace);

const resultFile = path.join(workspace, '..', `${path.basename(workspace)}-result.json`);
let code = 1;
let browser;
let server;
try {
  server = await startCodeServer(port, { HEPML_E2E_RESULT: resultFile, HEPML_E2E_SUITE: restricted ? 'restricted' : 'trusted' }, { workspaceTrust: restricted });
  lap('code-server is up');
  const host = server.host;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${repo}`],
    ['extensionTestsPath', `vscode-remote://${host}${path.join(repo, 'dist', 'e2e', 'index.js')}`],
    ['skipWelcome', 'true'],
  ]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => console[type in console ? type : 'log']((args || []).join(' ')));
  await page.exposeFunction('codeAutomationExit', async (c) => exit(c));
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  lap('workbench loading; the suite runs in the extension host');
  code = await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs))]);
  lap(`extension host exited with code ${code}`);
  if (fs.existsSync(resultFile)) lap(`result: ${fs.readFileSync(resultFile, 'utf8').trim()}`);
} catch (error) {
  console.error('e2e runner error:', error);
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  server?.stop(code !== 0);
  fs.rmSync(resultFile, { force: true });
  if (code === 0) fs.rmSync(workspace, { recursive: true, force: true });
  else console.error(`kept for inspection: ${server?.state} (cs.log), workspace ${workspace}`);
}
process.exit(code);
