import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../core/config/load';
import { runSearch } from '../core/runs/runSearch';
import { UserError } from '../core/util/errors';
import { countFlag } from './flags';
import { requireArgument } from './requireArgument';
import { RUN } from '../core/store/runLayout';
import { progressLine } from '../core/protocol/searchProgress';
import type { SearchProgress } from '../shared/searchProgress';

function stopOnSignal(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
}

export async function searchCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the config file', 'hepml search <config> [--json] [--events] [--jobs N] [--resume DIR]');
  const json = flags.json === true;
  // --events: typed progress as JSON lines on stdout (the human log then goes to stderr).
  const events = flags.events === true;
  const say = (line: string) => (json || events ? process.stderr : process.stdout).write(line + '\n');
  const jobs = countFlag(flags, 'jobs');
  const resume = flags.resume as string | undefined;
  const loaded = loadConfig(file, { workspace: flags.workspace as string | undefined });
  if (resume) {
    // A resumed search must use the config the run froze, so that it proposes what it would have.
    const frozen = path.join(path.resolve(resume), RUN.config.name);
    if (!fs.existsSync(frozen)) throw new UserError(`${resume}: not a search run folder (no config.json).`);
    if (fs.readFileSync(frozen, 'utf8') !== loaded.text) throw new UserError(`${file} differs from the config frozen in ${frozen}; resume with the config the run started with.`);
  }
  const summary = await runSearch(loaded, {
    workerScript: path.join(__dirname, 'worker.js'),
    jobs,
    resume,
    log: say,
    ...(events ? { onProgress: (event: SearchProgress) => process.stdout.write(progressLine(event) + '\n') } : {}),
    stopSignal: stopOnSignal(),
  });
  say(`report: ${path.join(path.relative(process.cwd(), summary.runDir) || '.', RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify(summary) + '\n');
  return 0;
}
