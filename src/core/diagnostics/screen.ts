import type { ResolvedConfig } from '../../shared/config';
import type { DataWarning } from '../../shared/diagnostics';
import { emptiedSources, type EventTable } from '../data/dataset';
import { quantilesOf, sampleIndices } from '../dataset/sample';
import { rocAuc } from '../metrics/roc';
import { appendAll } from '../util/arrays';

// Checks of the events before any training that catch what silently spoils a classifier: a
// feature that is the answer (leakage), an event number used as a feature, a few absurd values
// that stretch a scaler, an undeclared missing-value marker, classes of very unequal weight.

const SAMPLE = 200_000;
const ID_NAMES = /^(event_?id|event_?number|evt_?num|eventnumber|event|evt|run|run_?number|lumi|lumi_?block|luminosity_?block|entry|index|id)$/i;
const LEAKAGE_AUC = 0.99;
const FAR = 10;
const SENTINEL_FRACTION = 0.01;
const WEIGHT_RATIO = 10;
const STRETCH = 3;

/** Running mean and variance (Welford). */
class Moments {
  private n = 0;
  private mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  std(): number {
    return this.n > 1 ? Math.sqrt(this.m2 / this.n) : 0;
  }
}

function featureWarnings(config: ResolvedConfig, table: EventTable, sample: Int32Array): DataWarning[] {
  const warnings: DataWarning[] = [];
  const isSignal = Int32Array.from(sample, (i) => (table.labels[i] === 0 ? 1 : 0));
  const marker = config.data.missing === undefined ? undefined : Math.fround(config.data.missing.value);
  table.featureNames.forEach((name, f) => {
    const pointer = `/data/features/${f}`;
    const column = table.columns[f];
    if (config.data.label && name === config.data.label.column) {
      warnings.push({ pointer, feature: name, kind: 'leakage', message: `feature "${name}" is the label column: the network would read the answer; remove it from data.features.` });
    } else if (ID_NAMES.test(name)) {
      warnings.push({ pointer, feature: name, kind: 'identifier', message: `feature "${name}" looks like an event or run number, which carries no physics; remove it from data.features (use it in folds.by instead).` });
    }
    const values = Float64Array.from(sample, (i) => column[i]);
    const auc = rocAuc(isSignal, values);
    if (Math.max(auc, 1 - auc) >= LEAKAGE_AUC && !(config.data.label && name === config.data.label.column)) {
      warnings.push({ pointer, feature: name, kind: 'leakage', message: `feature "${name}" alone separates the classes almost perfectly (AUC ${Math.max(auc, 1 - auc).toFixed(4)}): is it computed from the label or the truth?` });
    }
    appendAll(warnings, outlierWarnings(name, pointer, column, sample, marker));
  });
  return warnings;
}

function outlierWarnings(name: string, pointer: string, column: Float32Array, sample: Int32Array, marker: number | undefined): DataWarning[] {
  const [q01, q50, q99] = quantilesOf(column, [0.01, 0.5, 0.99], sample, marker);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === marker) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const sentinel = [min, max].find((v) => {
    let count = 0;
    for (const i of sample) if (column[i] === v) count++;
    return count >= SENTINEL_FRACTION * sample.length && Math.abs(v) >= 99 && Number.isInteger(v) && (v < q50 - FAR * (q99 - q50) || v > q50 + FAR * (q50 - q01) || v <= -99);
  });
  if (sentinel !== undefined) {
    let count = 0;
    for (let i = 0; i < column.length; i++) if (column[i] === sentinel) count++;
    const fraction = ((100 * count) / column.length).toFixed(1);
    return [{ pointer, feature: name, kind: 'sentinel', value: sentinel, message: `feature "${name}" holds ${sentinel} in ${count} events (${fraction}%), like a missing-value marker: set data.missing {"value": ${sentinel}, "policy": "median"} so it is not read as a measurement.` }];
  }
  // Fences from the central 98%: a few far events (even 1%) cannot move them.
  const width = q99 - q01;
  if (!(width > 0)) return [];
  const low = q01 - FAR * width;
  const high = q99 + FAR * width;
  if (min >= low && max <= high) return [];
  // Far values matter when they stretch the standard deviation, not when a tail is long.
  const all = new Moments();
  const bulk = new Moments();
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === marker) continue;
    all.add(v);
    if (v < low || v > high) count++;
    else bulk.add(v);
  }
  if (!(all.std() > STRETCH * bulk.std())) return [];
  return [{ pointer, feature: name, kind: 'extreme', message: `feature "${name}" has ${count} event(s) far outside the bulk (range ${min.toPrecision(4)} to ${max.toPrecision(4)}; 98% of events lie within ${q01.toPrecision(4)} to ${q99.toPrecision(4)}): they stretch the standard scaler; use "preprocessing": {"scaler": "robust"}, or fix or drop those events.` }];
}

function weightWarnings(config: ResolvedConfig, table: EventTable): DataWarning[] {
  if (!config.data.weighted || !config.training.useWeights || config.training.classBalance) return [];
  const totals = new Float64Array(table.classes.length);
  for (let i = 0; i < table.size; i++) totals[table.labels[i]] += table.weights[i];
  const positive = totals.filter((t) => t > 0);
  const ratio = positive.reduce((a, b) => Math.max(a, b), 0) / positive.reduce((a, b) => Math.min(a, b), Infinity);
  if (!(ratio > WEIGHT_RATIO)) return [];
  const summary = table.classes.map((c, i) => `${c} ${totals[i].toPrecision(4)}`).join(', ');
  return [{ pointer: '/training', kind: 'weights', message: `the classes' summed event weights differ ${ratio.toFixed(0)}-fold (${summary}) and training.classBalance is false: the network will mostly learn the heavier class; set "classBalance": true.` }];
}

/** Every warning the events give before training. */
export function screenEvents(config: ResolvedConfig, table: EventTable): DataWarning[] {
  const sample = sampleIndices(table.size, SAMPLE, 'screen');
  const emptied = emptiedSources(config, table).map(({ pointer, message }): DataWarning => ({ pointer, kind: 'empty-source', message }));
  return [...emptied, ...featureWarnings(config, table, sample), ...weightWarnings(config, table)];
}
