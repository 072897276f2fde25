import * as path from 'node:path';
import type { WorkingPoint } from '../shared/diagnostics';
import { RunDirectory } from '../core/store/runStore';
import { UserError } from '../core/util/errors';
import { RUN } from '../core/store/runLayout';

const USAGE = 'hepml wp <runDir> [--json]';

function line(p: WorkingPoint): string {
  const f = (x: number, digits = 4) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
  return `${p.target.padEnd(28)} cut ${f(p.cut)}  eff S ${f(p.signalEfficiency, 3)}  eff B ${f(p.backgroundEfficiency, 3)}  rejection ${f(p.rejection)}  S ${f(p.signal)}  B ${f(p.background)}  S/sqrt(B) ${f(p.sOverSqrtB)}  Z ${f(p.asimov)}  AMS ${f(p.ams)}`;
}

/** `hepml wp`: a trained run's working points (test events, yields scaled to the whole sample). */
export async function wpCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  if (positionals.length !== 1) throw new UserError(`usage: ${USAGE}`);
  let run = new RunDirectory(path.resolve(positionals[0]));
  if (!run.has(RUN.record)) throw new UserError(`${positionals[0]}: not a run folder (no ${RUN.record.name}).`);
  if (run.readRecord().kind === 'search' && run.refit().has(RUN.record)) run = run.refit();
  const diagnostics = run.readIfPresent(RUN.diagnostics);
  const wp = diagnostics?.workingPoints;
  if (!wp) throw new UserError(`${run.dir}: no working points (a run trained before they were computed, or not a completed training); train it again with hepml train.`);
  if (flags.json === true) {
    process.stdout.write(JSON.stringify({ runDir: run.dir, points: wp.points, best: wp.best }) + '\n');
    return 0;
  }
  for (const point of [...wp.points, wp.best]) process.stdout.write(line(point) + '\n');
  return 0;
}
