import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

function findChromium(): string | undefined {
  for (const name of CANDIDATES) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0) return found.stdout.trim();
  }
  return undefined;
}

/** Debian's Chromium, or a skip (a failure when CI demands it with HEPML_REQUIRE_CHROMIUM=1). */
export function needChromium(t: TestContext): string | undefined {
  const binary = findChromium();
  if (binary) return binary;
  if (process.env.HEPML_REQUIRE_CHROMIUM === '1') throw new Error('chromium is not installed: apt-get install chromium');
  t.skip('chromium not installed');
  return undefined;
}

/** The DOM of a page after its scripts ran, from headless Chromium (in a light or dark colour scheme). */
export function renderedDom(binary: string, url: string, scheme: 'light' | 'dark' = 'light'): string {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--virtual-time-budget=15000', ...(scheme === 'dark' ? ['--force-dark-mode'] : [])];
  const result = spawnSync(binary, flags.concat('--dump-dom', url), {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`chromium failed: ${result.stderr}`);
  return result.stdout;
}
