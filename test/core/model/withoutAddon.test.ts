// Where the native addon is not built (the packaged extension, a machine without a compiler),
// training runs on tfjs's wasm kernels: the training and training-ops suites pass there too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

describe('training without the native addon', () => {
  it('passes the training and training-ops suites on the wasm kernels alone (HEPML_NATIVE=0)', () => {
    const suites = ['train.test.ts', 'trainingOps.test.ts', 'batches.test.ts'].map((file) => path.join(__dirname, file));
    // Without NODE_TEST_CONTEXT the child reports as a test run of its own (TAP), not to this runner.
    const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_TEST_CONTEXT'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...suites], { env: { ...environment, HEPML_NATIVE: '0', HEPML_REQUIRE_NATIVE: '0' }, encoding: 'utf8', timeout: 300_000 });
    const failures = run.stdout.split('\n').filter((line) => /^\s*not ok/.test(line));
    assert.equal(run.status, 0, `exit ${run.status}: ${failures.join('; ')}\n${run.stderr.slice(-2000)}`);
    assert.match(run.stdout, /# pass [1-9]/, 'the suites ran tests');
  });
});
