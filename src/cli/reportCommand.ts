import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeReport } from '../core/report/html';
import { listRuns, RunDirectory, runsDirectory } from '../core/store/runStore';
import { UserError } from '../core/util/errors';
import { RUN } from '../core/store/runLayout';

function pickRun(positionals: string[], latest: boolean): RunDirectory {
  if (latest) {
    const workspace = path.resolve(positionals[0] ?? '.');
    const completed = listRuns(workspace).find((run) => run.readRecord().status === 'completed');
    if (!completed) throw new UserError(`${workspace}: no completed run in ${runsDirectory(workspace)}; train one with hepml train <config>.`);
    return completed;
  }
  if (positionals.length !== 1) throw new UserError('usage: hepml report <runDir> | --latest [workspace]');
  const dir = path.resolve(positionals[0]);
  if (!fs.existsSync(path.join(dir, RUN.record.name))) throw new UserError(`${positionals[0]}: not a run folder (no ${RUN.record.name}); runs live in ${runsDirectory(path.resolve('.'))} (HEPML_RUNS_DIR moves them).`);
  return new RunDirectory(dir);
}

export async function reportCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const run = pickRun(positionals, flags.latest === true);
  const record = run.readRecord();
  if (record.status !== 'completed' || !run.has(RUN.diagnostics)) {
    throw new UserError(`${run.dir}: the run is ${record.status}${record.error ? ` (${record.error})` : ''}; only a completed run has a report.`);
  }
  const file = writeReport(run, record, run.read(RUN.diagnostics));
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  return 0;
}
