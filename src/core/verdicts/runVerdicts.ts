import type { HepmlConfig } from '../../shared/config';
import type { RunRecord } from '../../shared/run';
import type { TrialRecord } from '../../shared/search';
import { overtrainingFixes, type ConfigFix } from './configFix';

// Verdicts: what a finished run says about itself, in one word for badges (tree, lens,
// dashboard header) and one sentence with fixes for the config's diagnostics.

/** Kolmogorov-Smirnov p-value under which training and test outputs differ: overtrained (TMVA's reading). */
export const OVERTRAINING_P = 0.05;
/** A trial whose AUC is this close to 0.5 learned nothing (its network outputs one value). */
const COLLAPSED_AUC_MARGIN = 0.005;

export interface Verdict {
  kind: 'overtraining' | 'collapsed';
  /** A word or two for a badge. */
  badge: string;
  message: string;
  /** Where in the config the diagnostic goes. */
  pointer: string;
  fixes: ConfigFix[];
}

const precise = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** The verdicts on a training run (KS test of the outputs on training vs test events). */
export function trainingVerdicts(record: RunRecord, config?: HepmlConfig): Verdict[] {
  const ks = record.ks;
  if (record.status !== 'completed' || !ks) return [];
  const low = (['signal', 'background'] as const).filter((c) => ks[c].pValue < OVERTRAINING_P);
  if (low.length === 0) return [];
  const pValues = low.map((c) => `${c} p = ${precise(ks[c].pValue)}`).join(', ');
  return [
    {
      kind: 'overtraining',
      badge: 'overtrained',
      message: `run ${record.id} is overtrained: its outputs on training and test events differ (Kolmogorov-Smirnov ${pValues} < ${OVERTRAINING_P}). More dropout, fewer epochs or early stopping keep the network from learning the training events by heart.`,
      pointer: '/model',
      fixes: config ? overtrainingFixes(config) : [],
    },
  ];
}

/** Whether a search trial learned nothing (AUC scoring only: the one whose chance level is known). */
export function trialCollapsed(trial: TrialRecord, scoring: string): boolean {
  return scoring === 'auc' && trial.status === 'completed' && trial.score !== undefined && Math.abs(trial.score - 0.5) < COLLAPSED_AUC_MARGIN;
}

/** The verdicts on a search: trials that collapsed to a constant output. */
export function searchVerdicts(trials: TrialRecord[], scoring: string): Verdict[] {
  const collapsed = trials.filter((t) => trialCollapsed(t, scoring));
  if (collapsed.length === 0) return [];
  const which = collapsed.slice(0, 5).map((t) => t.trial + 1).join(', ');
  return [
    {
      kind: 'collapsed',
      badge: `${collapsed.length} collapsed`,
      message: `${collapsed.length} of ${trials.length} trials collapsed to AUC 0.500 (trial ${which}${collapsed.length > 5 ? ', ...' : ''}): the network outputs one value for every event. Their learning rates are likely too high, or the inputs unscaled; narrow the search space.`,
      pointer: '/search',
      fixes: [],
    },
  ];
}
