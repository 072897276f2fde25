import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostics } from '../shared/diagnostics';
import { writeReport } from '../core/report/html';
import { listRuns, RunDirectory, runsDirectory } from '../core/store/runStore';
import { UserError } from '../core/util/errors';

function pickRun(positionals: string[], latest: boolean): RunDirectory {
  if (latest) {
    const workspace = path.resolve(positionals[0] ?? '.');
    const completed = listRuns(workspace).find((run) => run.readRecord().status === 'completed');
    if (!completed) throw new UserError(`${workspace}: no completed run in ${runsDirectory(workspace)}; train one with hepml train <config>.`);
    return completed;
  }
  if (positionals.length !== 1) throw new UserError('usage: hepml report <runDir> | --latest [workspace]');
  const dir = path.resolve(positionals[0]);
  if (!fs.existsSync(path.join(dir, 'run.json'))) throw new UserError(`${positionals[0]}: not a run folder (no run.json); runs live in ${runsDirectory(path.resolve('.'))} (HEPML_RUNS_DIR moves them).`);
  return new RunDirectory(dir);
}

export async function reportCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const run = pickRun(positionals, flags.latest === true);
  const record = run.readRecord();
  if (record.status !== 'completed' || !fs.existsSync(run.file('diagnostics.json'))) {
    throw new UserError(`${run.dir}: the run is ${record.status}${record.error ? ` (${record.error})` : ''}; only a completed run has a report.`);
  }
  const file = writeReport(run, record, run.readJson<Diagnostics>('diagnostics.json'));
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  return 0;
}
