import { UserError } from '../core/util/errors';
import { dataBench } from './bench/dataBench';
import { metricsBench, type BenchOptions } from './bench/metricsBench';
import { scaleBench } from './bench/scaleBench';
import { pruneBench, searchBench } from './bench/searchBench';
import { trainBench } from './bench/trainBench';

const BENCHES: Record<string, (options: BenchOptions) => Promise<void>> = {
  train: trainBench,
  data: dataBench,
  metrics: metricsBench,
  search: searchBench,
  scale: scaleBench,
  prune: pruneBench,
};

/**
 * `hepml bench [train|data|metrics|search] [--quick]`: one JSON line per figure; where the
 * Debian peer is installed it runs in the same invocation, alternating with ours.
 */
export async function benchCommand(positionals: string[], flags: Record<string, string | boolean | undefined>): Promise<number> {
  const quick = flags.quick === true;
  // The scale bench writes gigabytes and trains for minutes: in full it runs only when named.
  // The prune bench is part of the search bench; it runs alone only when named.
  const names = positionals.length ? positionals : Object.keys(BENCHES).filter((name) => name !== 'prune' && (quick || name !== 'scale'));
  for (const name of names) {
    if (!BENCHES[name]) throw new UserError(`unknown bench "${name}"; choose from ${Object.keys(BENCHES).join(', ')}.`);
  }
  const rounds = quick ? 1 : 3;
  const emit = (figure: Record<string, unknown>) => process.stdout.write(JSON.stringify({ ...figure, ...(quick ? { quick: true, note: 'smoke run on small inputs; not a measurement' } : {}), machine: `${require('node:os').cpus().length} cpus`, node: process.versions.node }) + '\n');
  for (const name of names) await BENCHES[name]({ rounds, quick, emit });
  return 0;
}
