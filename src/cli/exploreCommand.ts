import * as path from 'node:path';
import { exploreData, type ClassSummary } from '../core/runs/explore';
import { loadConfig } from '../core/config/load';
import { diagnosticsSpecs } from '../core/report/specs';
import { diagnosticsTables } from '../core/report/tables';
import { storeCompletedRun } from '../core/runs/completedRun';
import { requireArgument } from './requireArgument';
import { RUN } from '../core/store/runLayout';

/** `hepml explore <config>`: the data's distributions and correlations before any training. */
export async function exploreCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the config file', 'hepml explore <config> [--json]');
  const json = flags.json === true;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const loaded = loadConfig(file, { workspace: flags.workspace as string | undefined });
  const result = await exploreData(loaded);
  const describe = (c: ClassSummary) => `${c.events} events, weight ${c.weight.toPrecision(6)}${c.withMissing ? `, ${c.withMissing} with missing values` : ''}`;
  const run = storeCompletedRun(loaded, {
    name: `${loaded.config.name}-explore`, kind: 'explore', seconds: result.seconds, files: { [RUN.diagnostics.name]: result.diagnostics, [RUN.exploration.name]: result.classes },
    report: { title: `${loaded.config.name}: data`, specs: diagnosticsSpecs(result.diagnostics), tables: diagnosticsTables(result.diagnostics), summary: [['features', String(result.features)], ...result.classes.map((c): [string, string] => [c.name, describe(c)])] },
  });
  for (const c of result.classes) say(`${c.name}: ${describe(c)}`);
  for (const warning of result.diagnostics.warnings ?? []) say(`warning: ${warning.message}`);
  say(`${result.features} features; report: ${path.join(path.relative(process.cwd(), run.dir) || '.', RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify({ runDir: run.dir, classes: result.classes, features: result.features, warnings: result.diagnostics.warnings, samples: result.diagnostics.samples, seconds: result.seconds }) + '\n');
  return 0;
}
