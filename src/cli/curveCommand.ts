import * as path from 'node:path';
import { DEFAULT_LEARNING_SIZES, runCurve } from '../core/runs/curves';
import type { CurveRequest } from '../shared/analysis';
import { loadConfig } from '../core/config/load';
import { formatProblem } from '../core/config/problems';
import { configPathProblem, existingPointer } from '../core/config/searchCheck';
import { curveSpec } from '../core/report/curveSpecs';
import { storeCompletedRun } from '../core/runs/completedRun';
import { UserError } from '../core/util/errors';
import { countFlag } from './flags';
import { RUN } from '../core/store/runLayout';

const USAGE = 'hepml curve validation <config> --param PATH --values A,B,... | hepml curve learning <config> [--sizes 0.1,0.55,1] [--cv K] [--jobs N] [--json]';

function list(text: string | undefined): (number | string)[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((v) => v.trim()).filter(Boolean).map((v) => (Number.isFinite(Number(v)) ? Number(v) : v));
}

/** `hepml curve validation|learning`: the curve, stored as a run with its report. */
export async function curveCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const [kind, file, ...rest] = positionals;
  if ((kind !== 'validation' && kind !== 'learning') || !file || rest.length > 0) throw new UserError(`usage: ${USAGE}`);
  const json = flags.json === true;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const loaded = loadConfig(file, { workspace: flags.workspace as string | undefined });
  const analysis = loaded.raw.analysis;
  let request: CurveRequest;
  if (kind === 'validation') {
    const param = (flags.param as string | undefined) ?? analysis?.validationCurve?.param;
    const values = list(flags.values as string | undefined) ?? analysis?.validationCurve?.values;
    if (!param || !values) throw new UserError(`a validation curve needs --param and --values (or analysis.validationCurve in the config); usage: ${USAGE}`);
    // Checked before anything is read or trained: a typo costs a second, not a run.
    const problem = configPathProblem(loaded.raw, param, values);
    if (problem) throw new UserError(formatProblem(loaded.file, loaded.locate.at(existingPointer(loaded.raw, param), `--param ${param}: ${problem}`)));
    request = { kind, param, values };
  } else {
    const sizes = (list(flags.sizes as string | undefined) as number[] | undefined) ?? analysis?.learningCurve?.sizes ?? DEFAULT_LEARNING_SIZES;
    if (sizes.some((s) => typeof s !== 'number')) throw new UserError(`--sizes: give fractions like 0.1,0.5,1`);
    request = { kind, sizes };
  }
  const curve = await runCurve(loaded, request, {
    workerScript: path.join(__dirname, 'worker.js'),
    jobs: countFlag(flags, 'jobs'),
    folds: countFlag(flags, 'cv') ?? analysis?.cv,
    scoring: analysis?.scoring,
    log: say,
  });
  const summary: [string, string][] = [['folds', String(curve.folds)], ['scoring', curve.scoring], ['seconds', curve.seconds.toFixed(1)]];
  curve.x.forEach((x, i) => summary.push([`${curve.param ?? 'training events'} = ${x}`, `train ${curve.train.mean[i].toFixed(4)} ± ${curve.train.std[i].toFixed(4)}, validation ${curve.validation.mean[i].toFixed(4)} ± ${curve.validation.std[i].toFixed(4)}`]));
  const run = storeCompletedRun(loaded, {
    name: `${loaded.config.name}-${kind}-curve`, kind: 'curve', seconds: curve.seconds, files: { [RUN.curve.name]: curve },
    report: { title: `${loaded.config.name}: ${kind} curve`, summary, specs: [curveSpec(curve)] },
  });
  say(`report: ${path.join(path.relative(process.cwd(), run.dir) || '.', RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify({ runDir: run.dir, ...curve }) + '\n');
  return 0;
}
