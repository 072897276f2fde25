import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TrialRecord } from '../../shared/search';
import type { FoldOutcome, ScoreHistogram } from '../../shared/workerProtocol';
import { readFoldOutcomes } from '../execution/trialFolder';
import { RunDirectory } from '../store/runStore';
import { trapezoid } from '../metrics/roc';
import { CLASS_COLORS, rocLines, SCHEMA, type NamedSpec, type VegaLiteSpec } from './specs';
import { RUN, TRIALS_FOLDER } from '../store/runLayout';
import { SEARCH_DEFAULTS, searchScoring } from '../config/resolveSearch';

/** A trial's folder (`<search run>/trials/<n>`) as its run folder and trial number, or undefined. */
export function parseTrialDirectory(dir: string): { runDir: string; trial: number } | undefined {
  const trials = path.dirname(dir);
  const name = path.basename(dir);
  if (path.basename(trials) !== TRIALS_FOLDER || !/^\d{1,6}$/.test(name)) return undefined;
  const runDir = path.dirname(trials);
  return fs.existsSync(path.join(runDir, RUN.journal.name)) ? { runDir, trial: Number(name) } : undefined;
}

/** Signal efficiency and background rejection at every bin edge, from the top bin down (TMVA's ROC from histograms). */
export function rocFromHistogram(histogram: ScoreHistogram): { efficiency: number; rejection: number }[] {
  const totalSignal = histogram.signal.reduce((a, b) => a + b, 0);
  const totalBackground = histogram.background.reduce((a, b) => a + b, 0);
  const points = [{ efficiency: 0, rejection: 1 }];
  let signal = 0;
  let background = 0;
  for (let bin = histogram.signal.length - 1; bin >= 0; bin--) {
    signal += histogram.signal[bin];
    background += histogram.background[bin];
    points.push({ efficiency: totalSignal > 0 ? signal / totalSignal : 0, rejection: totalBackground > 0 ? 1 - background / totalBackground : 1 });
  }
  return points;
}

/** The area under the ROC from histograms (trapezoids; ties within a bin count half, as for the exact AUC). */
export function aucFromHistogram(histogram: ScoreHistogram): number {
  const points = rocFromHistogram(histogram);
  return trapezoid(points.map((p) => p.efficiency), points.map((p) => p.rejection));
}

function foldScoresSpec(trial: TrialRecord, scoring: string): VegaLiteSpec {
  const values = trial.foldScores.map((score, fold) => ({ fold: fold + 1, score }));
  return {
    $schema: SCHEMA,
    width: 300,
    height: 200,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 80 }, encoding: { x: { field: 'fold', type: 'ordinal', title: 'fold' }, y: { field: 'score', type: 'quantitative', title: scoring, scale: { zero: false } }, tooltip: [{ field: 'fold' }, { field: 'score', format: '.4f' }] } },
      ...(trial.score !== undefined ? [{ data: { values: [{ mean: trial.score }] }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { y: { field: 'mean', type: 'quantitative' } } }] : []),
    ],
  };
}

function historySpec(folds: [number, FoldOutcome][]): VegaLiteSpec {
  const values = folds.flatMap(([fold, outcome]) =>
    (outcome.history ?? []).flatMap((e) => [
      { fold: `fold ${fold + 1}`, epoch: e.epoch, loss: e.loss, sample: 'training' },
      ...(e.val_loss === undefined ? [] : [{ fold: `fold ${fold + 1}`, epoch: e.epoch, loss: e.val_loss, sample: 'validation' }]),
    ]),
  );
  return {
    $schema: SCHEMA,
    width: 420,
    height: 240,
    data: { values },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'loss', type: 'quantitative', scale: { zero: false } },
      color: { field: 'fold', type: 'nominal', title: null },
      strokeDash: { field: 'sample', type: 'nominal', title: null },
    },
  };
}

function rocSpec(folds: [number, FoldOutcome][]): VegaLiteSpec {
  const values = folds.flatMap(([fold, outcome]) => {
    const histogram = outcome.heldOutHistogram!;
    const label = `fold ${fold + 1} (AUC ${aucFromHistogram(histogram).toFixed(3)})`;
    return rocFromHistogram(histogram).map((p, order) => ({ ...p, fold: label, order }));
  });
  return { $schema: SCHEMA, width: 300, height: 300, data: { values }, ...rocLines(['efficiency', 'signal efficiency'], ['rejection', 'background rejection'], 'fold', 'order') };
}

function distributionSpec(folds: [number, FoldOutcome][]): VegaLiteSpec {
  const bins = folds[0][1].heldOutHistogram!.signal.length;
  const sum = (part: 'signal' | 'background') => Array.from({ length: bins }, (_, b) => folds.reduce((total, [, o]) => total + o.heldOutHistogram![part][b], 0));
  const values = (['signal', 'background'] as const).flatMap((part) => {
    const counts = sum(part);
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((count, b) => ({ class: part, x: b / bins, x2: (b + 1) / bins, density: (count / total) * bins }));
  });
  return {
    $schema: SCHEMA,
    width: 420,
    height: 240,
    data: { values },
    mark: { type: 'rect', opacity: 0.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'signal probability (held-out folds)', scale: { domain: [0, 1] } },
      x2: { field: 'x2' },
      y: { field: 'density', type: 'quantitative', title: 'normalised density' },
      color: { field: 'class', type: 'nominal', title: null, scale: CLASS_COLORS },
    },
  };
}

/**
 * A trial's dashboard: its folds' scores, loss per epoch, ROC curves and held-out score
 * distributions, from `trials/<n>/fold-*.json` (folds trained before these files existed show scores only).
 */
export function trialSpecs(runDir: string, trial: number): { title: string; specs: NamedSpec[] } {
  const run = new RunDirectory(runDir);
  const record = run.readRecord();
  const config = run.read(RUN.config);
  const found = run.readIfPresent(RUN.trials)?.find((t) => t.trial === trial);
  const title = `${record.name}: trial ${trial + 1} of the ${config.search?.method ?? ''} search`;
  if (!found) return { title: `${title} (not finished yet)`, specs: [] };
  const params = Object.entries(found.params).map(([name, value]) => `${name}=${value}`).join(', ');
  const scoring = searchScoring(config.search);
  const folds = [...readFoldOutcomes(runDir, trial, found.foldScores.length || (config.search?.cv ?? SEARCH_DEFAULTS.cv))].sort(([a], [b]) => a - b);
  const specs: NamedSpec[] = [{ id: 'fold-scores', title: `${scoring} per fold (${params})`, spec: foldScoresSpec(found, scoring) }];
  if (folds.some(([, o]) => o.history?.length)) specs.push({ id: 'history', title: 'Loss per epoch', spec: historySpec(folds) });
  const binned = folds.filter(([, o]) => o.heldOutHistogram);
  if (binned.length > 0) {
    specs.push({ id: 'roc', title: 'ROC curve on each held-out fold', spec: rocSpec(binned) });
    specs.push({ id: 'distributions', title: 'Signal probability on the held-out folds', spec: distributionSpec(binned) });
  }
  return { title: `${title}: ${found.status}${found.score === undefined ? '' : `, ${scoring} ${found.score.toFixed(4)}`}`, specs };
}
