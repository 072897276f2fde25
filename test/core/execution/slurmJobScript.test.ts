// The batch script and sbatch arguments of the SLURM executor, and the execution section's checks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config/parse';
import { sbatchArguments, writeJobScript } from '../../../src/core/execution/slurm/jobScript';
import { tempDir } from '../../helpers/paths';
import { tinyConfig } from '../../helpers/synthetic';
import { resolveExecution } from '../../../src/core/config/resolveSearch';

describe('SLURM job script', () => {
  it('passes a run folder with quotes and spaces to hepml trial intact, after the setup lines', () => {
    const runDir = path.join(tempDir(), `it's a "run" $HOME`);
    fs.mkdirSync(runDir);
    // A stand-in for node that prints the arguments it got, one per line.
    const fakeNode = path.join(runDir, 'fake node.sh');
    fs.writeFileSync(fakeNode, '#!/usr/bin/env bash\necho "setup=$SETUP_RAN"\nfor a in "$@"; do echo "[$a]"; done\n', { mode: 0o755 });
    const script = writeJobScript(runDir, resolveExecution({ backend: 'slurm', node: fakeNode, setup: ['export SETUP_RAN=yes'] }), '/opt/hepml/dist/cli.js');
    const result = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: '5' } });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), ['setup=yes', '[/opt/hepml/dist/cli.js]', '[trial]', `[${runDir}]`, '[5]']);
  });

  it('asks sbatch for an array of the trials with the concurrency limit and every resource given', () => {
    const args = sbatchArguments('/runs/r1', 'hepml-r1', resolveExecution({ backend: 'slurm', partition: 'maxgpu', time: '02:00:00', cpusPerTask: 4, memory: '8G', gres: 'gpu:1', account: 'cms', extraArgs: ['--qos=short'], maxConcurrentJobs: 3 }), [2, 5, 7], '/runs/r1/slurm/trial.sh');
    assert.deepEqual(args, [
      '--job-name=hepml-r1', '--array=2,5,7%3', '--output=/runs/r1/slurm/trial-%a-job-%A.out', '--chdir=/runs/r1',
      '--partition=maxgpu', '--time=02:00:00', '--cpus-per-task=4', '--mem=8G', '--gres=gpu:1', '--account=cms', '--qos=short', '/runs/r1/slurm/trial.sh',
    ]);
  });
});

describe('execution section', () => {
  const problemsOf = (execution: unknown) => parseConfig(JSON.stringify(tinyConfig({ execution }), null, 2)).problems;

  it('accepts a SLURM execution with resources', () => {
    assert.deepEqual(problemsOf({ backend: 'slurm', partition: 'gpu', gres: 'gpu:1', time: '1-00:00:00', maxConcurrentJobs: 8 }), []);
  });

  it('names a SLURM-only field given with the local backend', () => {
    const [problem] = problemsOf({ backend: 'local', partition: 'gpu' });
    assert.match(problem.message, /"partition" applies only to "backend": "slurm"/);
    assert.equal(problem.pointer, '/execution/partition');
  });

  it('refuses an unknown backend and a malformed time limit', () => {
    assert.match(problemsOf({ backend: 'condor' })[0].message, /backend/);
    const [time] = problemsOf({ backend: 'slurm', time: '2 hours' });
    assert.equal(time.message, '"execution.time" is not in the expected form: sbatch --time per trial, e.g. "02:00:00" or "1-00:00:00".');
  });
});
