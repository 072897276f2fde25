import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** Debian's python, where python3-scipy and python3-sklearn are installed (not pyenv's). */
const PYTHON = '/usr/bin/python3';

const available = new Map<string, boolean>();

function oracleAvailable(modules: string): boolean {
  if (!available.has(modules)) available.set(modules, spawnSync(PYTHON, ['-c', `import ${modules}`], { encoding: 'utf8' }).status === 0);
  return available.get(modules)!;
}

/**
 * Skips the test when the Python oracles are missing, unless CI demands them
 * (HEPML_REQUIRE_ORACLES=1), where a missing oracle fails the test.
 */
export function needOracle(t: TestContext, modules = 'scipy, sklearn, numpy', packages = 'python3-scipy python3-sklearn'): boolean {
  if (oracleAvailable(modules)) return true;
  if (process.env.HEPML_REQUIRE_ORACLES === '1') throw new Error(`${PYTHON} lacks ${modules}: apt-get install ${packages}`);
  t.skip(`${packages} not installed`);
  return false;
}

/** Runs a Python snippet that reads JSON `data` from stdin and prints one JSON value. */
export function python<T>(code: string, data: unknown): T {
  const script = `import json, sys\nimport numpy as np\ndata = json.load(sys.stdin)\n${code}`;
  const result = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(data), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
