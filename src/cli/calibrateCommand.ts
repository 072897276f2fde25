import * as path from 'node:path';
import { runCalibration } from '../core/runs/calibrate';
import type { CalibrationMethod } from '../shared/analysis';
import { loadConfig } from '../core/config/load';
import { reliabilitySpec } from '../core/report/calibrationSpecs';
import { storeCompletedRun } from '../core/runs/completedRun';
import { UserError } from '../core/util/errors';
import { countFlag } from './flags';
import { RUN } from '../core/store/runLayout';

const USAGE = 'hepml calibrate <config> [--method sigmoid|isotonic] [--cv K] [--jobs N] [--json]';

/** `hepml calibrate`: cross-validated probability calibration with a reliability diagram. */
export async function calibrateCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  if (positionals.length !== 1) throw new UserError(`usage: ${USAGE}`);
  const method = (flags.method as string | undefined) ?? 'sigmoid';
  if (method !== 'sigmoid' && method !== 'isotonic') throw new UserError(`--method ${method}: choose sigmoid (Platt) or isotonic.`);
  const folds = countFlag(flags, 'cv') ?? 3;
  const jobs = countFlag(flags, 'jobs');
  const json = flags.json === true;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const loaded = loadConfig(positionals[0], { workspace: flags.workspace as string | undefined });
  const result = await runCalibration(loaded, { method: method as CalibrationMethod, folds, jobs, workerScript: path.join(__dirname, 'worker.js'), log: say });
  const run = storeCompletedRun(loaded, {
    name: `${loaded.config.name}-calibration`, kind: 'calibration', seconds: result.seconds, files: { [RUN.calibration.name]: result },
    report: {
      title: `${loaded.config.name}: ${result.method} calibration`,
      specs: [reliabilitySpec(result)],
      summary: [
        ['method', result.method], ['folds', String(result.folds)], ['test events', String(result.testEvents)],
        ['Brier score (test)', `${result.brier.before.toFixed(4)} -> ${result.brier.after.toFixed(4)}`],
        ['AUC (test)', `${result.auc.before.toFixed(4)} -> ${result.auc.after.toFixed(4)}`],
      ],
    },
  });
  say(`Brier score ${result.brier.before.toFixed(4)} -> ${result.brier.after.toFixed(4)} (${result.method}, ${folds}-fold); report: ${path.join(path.relative(process.cwd(), run.dir) || '.', RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify({ runDir: run.dir, ...result }) + '\n');
  return 0;
}
