import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ksTwoSample } from '../../core/metrics/ks';
import { rocAuc, rocCurve } from '../../core/metrics/roc';
import { createRng } from '../../core/util/random';
import { alternate, peerFields, runPeer, secondsOf } from './peer';

export interface BenchOptions {
  rounds: number;
  quick: boolean;
  emit: (figure: Record<string, unknown>) => void;
}

/** ROC + AUC + KS on a million events, against scikit-learn + scipy on the same events. */
export async function metricsBench({ rounds, quick, emit }: BenchOptions): Promise<void> {
  const n = quick ? 100_000 : 1_000_000;
  const rng = createRng('bench-metrics');
  const scores = new Float32Array(n);
  const labels = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng() < 0.5 ? 1 : 0;
    scores[i] = Math.fround(Math.min(1, Math.max(0, 0.5 + (rng() - 0.5) * 0.8 + (labels[i] ? 0.1 : -0.1))));
    weights[i] = 0.5 + rng();
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hepml-bench-')), 'events.bin');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(scores.buffer), Buffer.from(labels.buffer), Buffer.from(weights.buffer)]));
  let result;
  try {
    result = await alternate(
      rounds,
      () =>
        secondsOf(() => {
          rocCurve(labels, scores, weights);
          rocAuc(labels, scores, weights);
          ksTwoSample(scores.filter((_, i) => labels[i] === 1), scores.filter((_, i) => labels[i] === 0));
        }),
      () => runPeer<{ seconds: number }>('metrics_sklearn.py', [file, String(n)]),
      (peer) => peer.seconds,
    );
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  emit({
    bench: 'metrics', events: n, what: 'roc_curve + roc_auc (weighted) + ks_2samp', seconds: result.ours, events_per_s: Math.round(n / result.ours),
    ...peerFields('sklearn+scipy', result, result.peer && result.peer / result.ours),
  });
}
