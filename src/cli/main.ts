import { parseArgs } from 'node:util';
import { isUserError, messageOf } from '../core/util/errors';
import { applyCommand } from './applyCommand';
import { benchCommand } from './benchCommand';
import { calibrateCommand } from './calibrateCommand';
import { curveCommand } from './curveCommand';
import { ensembleCommand } from './ensembleCommand';
import { exportCommand } from './exportCommand';
import { exploreCommand } from './exploreCommand';
import { inspectCommand } from './inspectCommand';
import { newCommand } from './newCommand';
import { reportCommand } from './reportCommand';
import { searchCommand } from './searchCommand';
import { stopCommand } from './stopCommand';
import { trainCommand } from './trainCommand';
import { trialCommand } from './trialCommand';
import { validateCommand } from './validateCommand';
import { wpCommand } from './wpCommand';

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

const USAGE = `usage: hepml <command> [options]

commands:
  train <config> [--json] [--workspace DIR]   train a classifier, store the run, write its report
  search <config> [--json] [--events] [--jobs N] [--resume DIR]
                                              hyper-parameter search with k-fold CV, refit and report
  new <data file> [--out FILE]                a first config for a data file (features, label, weight, missing values)
  apply <runDir> <input...> [--out DIR] [--tree NAME] [--branch NAME] [--with-columns] [--json]
                                              score every entry of ROOT, CSV or Parquet files: friend trees / score files
  export <runDir> --format onnx|lwtnn [--out FILE]
                                              the network as ONNX or lwtnn JSON, with <name>.inputs.json
  wp <runDir> [--json]                        working points: cuts at fixed efficiencies, S, B, S/sqrt(B), Asimov Z, AMS, the best-Z cut
  validate <config>                           check a config; prints path:line:col: message
  explore <config> [--json]                   the data before training: counts, weights, feature distributions, correlations
  inspect <file> [--json] [--format F] [--no-header]
                                              list a ROOT file's trees and branches, or a CSV's or Parquet file's columns
  report <runDir> | --latest [DIR]            (re)write report.html of a run
  curve validation <config> --param PATH --values A,B,...   validation curve (k-fold, train vs CV score)
  curve learning <config> [--sizes 0.1,0.55,1]              learning curve
  calibrate <config> [--method sigmoid|isotonic] [--cv K]   cross-validated calibration, reliability diagram
  ensemble <config> [--jobs N]                voting or stacking of the config's ensemble members
  bench [train|data|metrics|search|scale|prune] [--quick] benchmarks against the Debian peers; JSON lines
  trial <runDir> <trial>                      run one trial of a search (what its SLURM jobs run)
  stop <runDir>                               stop a search: its driver here, or the SLURM jobs a dead driver left
`;

type Command = (positionals: string[], flags: Record<string, string | boolean | undefined>) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  train: trainCommand,
  search: searchCommand,
  validate: validateCommand,
  inspect: inspectCommand,
  report: reportCommand,
  bench: benchCommand,
  curve: curveCommand,
  calibrate: calibrateCommand,
  ensemble: ensembleCommand,
  trial: trialCommand,
  explore: exploreCommand,
  stop: stopCommand,
  new: newCommand,
  apply: applyCommand,
  export: exportCommand,
  wp: wpCommand,
};

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        events: { type: 'boolean' },
        workspace: { type: 'string' },
        latest: { type: 'boolean' },
        jobs: { type: 'string' },
        resume: { type: 'string' },
        quick: { type: 'boolean' },
        param: { type: 'string' },
        values: { type: 'string' },
        sizes: { type: 'string' },
        cv: { type: 'string' },
        method: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        tree: { type: 'string' },
        branch: { type: 'string' },
        'with-columns': { type: 'boolean' },
        'no-header': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`hepml: ${messageOf(error)}\n${USAGE}`);
    return EXIT_USER;
  }
  const [name, ...rest] = parsed.positionals;
  if (parsed.values.help || !name) {
    process.stdout.write(USAGE);
    return name || parsed.values.help ? EXIT_OK : EXIT_USER;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`hepml: unknown command "${name}"\n${USAGE}`);
    return EXIT_USER;
  }
  try {
    return await command(rest, parsed.values);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`hepml: ${error.message}\n`);
      return EXIT_USER;
    }
    process.stderr.write(`hepml: internal error: ${messageOf(error)}\n${process.env.HEPML_DEBUG ? (error as Error).stack + '\n' : 'Set HEPML_DEBUG=1 for details, and report it.\n'}`);
    return EXIT_INTERNAL;
  }
}

// `hepml inspect big.root | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
}

// Guard unhandled rejections (jsroot throws outside its promises on some bad input).
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`hepml: internal error: ${messageOf(reason)}\n`);
  process.exit(EXIT_INTERNAL);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
