import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** True when a SLURM cluster answers (start one with `eval "$(bash test/slurm/cluster.sh start)"`). */
function clusterAnswers(): boolean {
  const result = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 && /idle|mix|alloc/.test(result.stdout);
}

/** Whether the SLURM tests can run; a skip otherwise (a failure when CI demands them with HEPML_REQUIRE_SLURM=1). */
export function needSlurm(t: TestContext): boolean {
  if (clusterAnswers()) return true;
  if (process.env.HEPML_REQUIRE_SLURM === '1') throw new Error('no SLURM cluster answers sinfo: run eval "$(bash test/slurm/cluster.sh start)" first');
  t.skip('no SLURM cluster (eval "$(bash test/slurm/cluster.sh start)")');
  return false;
}

/** Jobs of a job name that are queued or running now, array tasks one by one. */
export function liveJobs(jobName: string): { job: string; state: string }[] {
  const result = spawnSync('squeue', ['--noheader', '--array', `--name=${jobName}`, '--format=%i|%T'], { encoding: 'utf8', timeout: 20_000 });
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [job, state] = line.split('|');
      return { job, state };
    });
}
