import * as path from 'node:path';
import { loadConfig } from '../core/config/load';
import { formatProblem } from '../core/config/problems';
import { trainExperiment } from '../core/runs/trainExperiment';
import { requireArgument } from './requireArgument';
import { RUN } from '../core/store/runLayout';

export async function trainCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const file = requireArgument(positionals, 'the config file', 'hepml train <config> [--json]');
  const json = flags.json === true;
  // With --json, stdout carries only the final JSON line; progress goes to stderr.
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const loaded = loadConfig(file, { workspace: flags.workspace as string | undefined });
  for (const warning of loaded.warnings) say(`warning: ${formatProblem(file, warning)}`);
  // Ctrl-C or `hepml stop`: the training ends within a moment and the run is kept as cancelled; a second signal ends at once.
  let cancelled = false;
  const stop = () => {
    if (cancelled) process.exit(130);
    cancelled = true;
    say('stopping: the run is kept as cancelled (a second signal ends at once)');
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const summary = await trainExperiment(loaded, {
    isCancelled: () => cancelled,
    onStart: (run, backend) => say(`run ${run.id}: backend ${backend}`),
    log: say,
    onEpoch: (e, epochs) =>
      say(`epoch ${e.epoch}/${epochs}: loss ${e.loss.toFixed(4)}${e.val_loss !== undefined ? `, val_loss ${e.val_loss.toFixed(4)}, val_auc ${e.val_auc!.toFixed(4)}` : ''} (${e.seconds.toFixed(1)}s)`),
  });
  const relative = path.relative(process.cwd(), summary.runDir) || '.';
  say(`test AUC ${summary.metrics.auc.toFixed(4)}, accuracy ${summary.metrics.accuracy.toFixed(4)}, loss ${summary.metrics.loss.toFixed(4)}`);
  say(`KS train vs test: signal p=${summary.ks.signal.pValue.toPrecision(3)}, background p=${summary.ks.background.pValue.toPrecision(3)}`);
  say(`${summary.epochs} epochs in ${summary.seconds.toFixed(1)}s; report: ${path.join(relative, RUN.report.name)}`);
  if (json) process.stdout.write(JSON.stringify(summary) + '\n');
  return 0;
}
