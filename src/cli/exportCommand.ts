import * as fs from 'node:fs';
import * as path from 'node:path';
import { disposeTrainedRun, loadTrainedRun } from '../core/apply/trainedRun';
import { exportRun, type ExportFormat } from '../core/export/exportRun';
import { chooseBackend } from '../core/model/backend';
import { UserError } from '../core/util/errors';

const USAGE = 'hepml export <runDir> --format onnx|lwtnn [--out FILE]';

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** `hepml export`: the run's network as ONNX or lwtnn JSON, with `<name>.inputs.json` beside it. */
export async function exportCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const [runDir, ...rest] = positionals;
  const format = flags.format as string | undefined;
  if (!runDir || rest.length > 0) throw new UserError(`usage: ${USAGE}`);
  if (format !== 'onnx' && format !== 'lwtnn') throw new UserError(`--format ${format ?? '(missing)'}: give onnx or lwtnn; usage: ${USAGE}`);
  await chooseBackend();
  const trained = await loadTrainedRun(runDir);
  try {
    const target = path.resolve((flags.out as string | undefined) ?? `${trained.record.name}${format === 'onnx' ? '.onnx' : '.lwtnn.json'}`);
    const result = exportRun(trained, format as ExportFormat, target, version());
    for (const file of result.files) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    process.stdout.write(`wrote ${path.relative(process.cwd(), result.inputs)}: how to compute the inputs (defines and selection do not fit in the model file)\n`);
    if (flags.json === true) process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    disposeTrainedRun(trained);
  }
  return 0;
}
