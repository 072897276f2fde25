import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { TRAINING_EXEC_ARGV, trainingEnvironment } from '../../../src/core/util/trainingProcess';

describe('processes that train', () => {
  it('get the malloc tunables unless the user set their own', () => {
    assert.match(trainingEnvironment({ PATH: '/bin' }).GLIBC_TUNABLES ?? '', /trim_threshold=\d+:glibc\.malloc\.mmap_threshold=\d+/);
    assert.equal(trainingEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES, 'glibc.malloc.arena_max=2');
  });

  it('start with those flags and that environment on this node', () => {
    const child = spawnSync(process.execPath, [...TRAINING_EXEC_ARGV, '-e', 'process.stdout.write(process.env.GLIBC_TUNABLES + " " + process.execArgv.join(" "))'], { env: trainingEnvironment(), encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    // execArgv also lists -e and its script, after our flags.
    assert.ok(child.stdout.startsWith(`${trainingEnvironment().GLIBC_TUNABLES} ${TRAINING_EXEC_ARGV.join(' ')} -e`), child.stdout);
  });
});
