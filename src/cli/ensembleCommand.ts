import * as path from 'node:path';
import { runEnsemble } from '../core/runs/ensemble';
import { loadConfig } from '../core/config/load';
import { diagnosticsSpecs } from '../core/report/specs';
import { storeCompletedRun } from '../core/runs/completedRun';
import { countFlag } from './flags';
import { requireArgument } from './requireArgument';
import { RUN } from '../core/store/runLayout';

/** `hepml ensemble <config>`: voting or stacking of the config's members, stored as a run. */
export async function ensembleCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the config file', 'hepml ensemble <config> [--jobs N] [--json]');
  const jobs = countFlag(flags, 'jobs');
  const json = flags.json === true;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const loaded = loadConfig(file, { workspace: flags.workspace as string | undefined });
  const result = await runEnsemble(loaded, { workerScript: path.join(__dirname, 'worker.js'), jobs, log: say });
  const summary: [string, string][] = [['method', result.method], ['seconds', result.seconds.toFixed(1)]];
  for (const member of result.members) summary.push([`member ${member.name}: test AUC`, member.test.auc.toFixed(4)]);
  summary.push([`${result.method} ensemble: test AUC`, result.test.auc.toFixed(4)], ['ensemble test accuracy', result.test.accuracy.toFixed(4)]);
  if (result.metaModel) summary.push(['meta-model', `logistic regression: coefficients ${result.metaModel.coefficients.map((c) => c.toFixed(3)).join(', ')}, intercept ${result.metaModel.intercept.toFixed(3)}`]);
  const run = storeCompletedRun(loaded, {
    name: `${loaded.config.name}-${result.method}`, kind: 'ensemble', seconds: result.seconds,
    files: { [RUN.ensemble.name]: { ...result, diagnostics: undefined }, [RUN.diagnostics.name]: result.diagnostics },
    record: { metrics: result.test, ks: result.diagnostics.overtraining?.ks },
    report: { title: `${loaded.config.name}: ${result.method} ensemble`, summary, specs: diagnosticsSpecs(result.diagnostics) },
  });
  for (const member of result.members) say(`${member.name}: test AUC ${member.test.auc.toFixed(4)}`);
  say(`${result.method} ensemble: test AUC ${result.test.auc.toFixed(4)}; report: ${path.join(path.relative(process.cwd(), run.dir) || '.', RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify({ runDir: run.dir, method: result.method, members: result.members, test: result.test, metaModel: result.metaModel, seconds: result.seconds }) + '\n');
  return 0;
}
