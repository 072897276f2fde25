import * as path from 'node:path';
import { applyRun } from '../core/apply/applyFiles';
import { disposeTrainedRun, loadTrainedRun } from '../core/apply/trainedRun';
import { chooseBackend } from '../core/model/backend';
import { UserError } from '../core/util/errors';

const USAGE = 'hepml apply <runDir> <input...> [--out DIR] [--tree NAME] [--branch NAME] [--with-columns] [--json]';

/**
 * `hepml apply`: scores every entry of each input with a run's model (or its fold models, each
 * event by the one that did not train on it): a ROOT friend tree (same entries, same order:
 * branch `score`, or `score_<class>`, and `passed`) or a CSV of scores beside each input.
 */
export async function applyCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const [runDir, ...inputs] = positionals;
  if (!runDir || inputs.length === 0) throw new UserError(`usage: ${USAGE}`);
  const branch = flags.branch as string | undefined;
  if (branch !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(branch)) throw new UserError(`--branch ${branch}: a branch name is letters, digits and underscores, starting with a letter.`);
  const json = flags.json === true;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  await chooseBackend();
  const trained = await loadTrainedRun(runDir);
  say(`model: ${trained.record.name} (${trained.models.length > 1 ? `${trained.models.length} fold models, routed by ${trained.config.folds!.by}` : 'one model'})`);
  const started = performance.now();
  // A line per million entries: the editor's progress, and a sign of life on long files.
  let reported = 0;
  const onProgress = (file: string, entries: number) => {
    if (entries - reported < 1_000_000 && entries > reported) return;
    reported = entries;
    say(`${path.basename(file)}: ${entries} entries scored`);
  };
  try {
    const results = await applyRun(trained, inputs, {
      onProgress,
      out: flags.out as string | undefined,
      tree: flags.tree as string | undefined,
      branch,
      withColumns: flags['with-columns'] === true,
    });
    const seconds = (performance.now() - started) / 1000;
    let events = 0;
    for (const result of results) {
      for (const tree of result.trees) {
        events += tree.entries;
        say(`${path.relative(process.cwd(), result.input)}${tree.name ? ` (${tree.name})` : ''}: ${tree.entries} entries scored, ${tree.passed} pass the selection`);
      }
      say(`  -> ${path.relative(process.cwd(), result.output)}`);
    }
    say(`${events} events in ${seconds.toFixed(1)}s (${Math.round(events / seconds)} events/s)`);
    if (json) process.stdout.write(JSON.stringify({ runDir: trained.run.dir, files: results, events, seconds }) + '\n');
  } finally {
    disposeTrainedRun(trained);
  }
  return 0;
}
