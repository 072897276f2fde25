import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { lowerPriority, TRAINING_EXEC_ARGV, trainingEnvironment } from '../../../src/core/util/trainingProcess';

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

// Training processes run below the editor's priority (niceness 10), unless HEPML_NICE=0.
function idleChild() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
}

describe('training process priority', () => {
  it('lowers a started process to niceness 10, and never raises one', () => {
    const child = idleChild();
    try {
      const before = os.getPriority(child.pid!);
      lowerPriority(child.pid, {});
      assert.equal(os.getPriority(child.pid!), Math.max(before, 10));
      lowerPriority(child.pid, { HEPML_NICE: '5' });
      assert.equal(os.getPriority(child.pid!), Math.max(before, 10), 'a lower niceness is not restored (that needs privileges)');
    } finally {
      child.kill();
    }
  });

  it('HEPML_NICE=0 leaves it as it is; a gone process is no error', () => {
    const child = idleChild();
    try {
      const before = os.getPriority(child.pid!);
      lowerPriority(child.pid, { HEPML_NICE: '0' });
      assert.equal(os.getPriority(child.pid!), before);
    } finally {
      child.kill();
    }
    assert.doesNotThrow(() => lowerPriority(2 ** 22 + 12345, {}));
  });
});
