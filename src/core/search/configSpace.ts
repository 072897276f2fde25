import type { HepmlConfig, SearchConfig, SearchDimensionConfig } from '../../shared/config';
import type { Dimension, Point, PointValue } from './space';

// The search space of a config: config paths (`training.learningRate`, `model.hidden.units`,
// `model.hidden[0].dropout`, `model.hidden[*].l2`) mapped to dimensions, and the config a
// point of that space gives.

type Json = unknown;
type Segment = { key: string; index?: number | '*' };

export function parsePath(path: string): Segment[] {
  return path.split('.').map((part) => {
    const match = /^([A-Za-z_$][\w$]*)(?:\[(\d+|\*)\])?$/.exec(part);
    if (!match) throw new RangeError(`"${path}" is not a config path like "training.learningRate" or "model.hidden[0].units"`);
    return { key: match[1], index: match[2] === undefined ? undefined : match[2] === '*' ? '*' : Number(match[2]) };
  });
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `value` at `path` in `target` (mutated). A plain key after an array applies to every element. */
function setPath(target: Json, segments: Segment[], value: Json, path: string): void {
  if (Array.isArray(target)) {
    for (const element of target) setPath(element, segments, value, path);
    return;
  }
  if (!isObject(target)) throw new RangeError(`"${path}" goes through a value that is not an object`);
  const [head, ...rest] = segments;
  if (head.key === '__proto__' || head.key === 'constructor' || head.key === 'prototype') throw new RangeError(`"${path}" is not a config path`);
  if (rest.length === 0 && head.index === undefined) {
    target[head.key] = value;
    return;
  }
  if (!(head.key in target)) {
    if (rest.length === 0) throw new RangeError(`"${path}": no "${head.key}" to index`);
    target[head.key] = {};
  }
  let next = target[head.key];
  if (head.index !== undefined) {
    if (!Array.isArray(next)) throw new RangeError(`"${path}": "${head.key}" is not a list`);
    if (head.index === '*') {
      if (rest.length === 0) next.forEach((_, i) => ((next as Json[])[i] = value));
      else next.forEach((element) => setPath(element, rest, value, path));
      return;
    }
    if (head.index >= next.length) throw new RangeError(`"${path}": "${head.key}" has only ${next.length} item(s)`);
    if (rest.length === 0) {
      next[head.index] = value;
      return;
    }
    next = next[head.index];
  }
  setPath(next, rest, value, path);
}

/** `model.hidden.layers` on a list of layers turns the list into the {layers, units} shorthand. */
function expandLayersShorthand(config: HepmlConfig, path: string): void {
  if (path !== 'model.hidden.layers' || !Array.isArray(config.model.hidden)) return;
  const first = config.model.hidden[0];
  config.model.hidden = { ...first, layers: config.model.hidden.length };
}

/** The config a point gives: a deep copy of `base` with each searched path set. */
export function applyPoint(base: HepmlConfig, names: string[], point: Point): HepmlConfig {
  const config = structuredClone(base);
  delete config.search;
  names.forEach((name, i) => {
    expandLayersShorthand(config, name);
    setPath(config, parsePath(name), point[i], name);
  });
  return config;
}

export function toDimension(spec: SearchDimensionConfig): Dimension {
  if ('values' in spec) return { type: 'categorical', categories: spec.values };
  if ('categories' in spec) return { type: 'categorical', categories: spec.categories };
  return { type: spec.type, low: spec.low, high: spec.high, prior: spec.prior ?? 'uniform' };
}

export interface ConfigSpace {
  names: string[];
  dimensions: Dimension[];
  /** For the grid: the values of each dimension. */
  gridValues?: PointValue[][];
}

export function configSpace(search: SearchConfig): ConfigSpace {
  const names = Object.keys(search.space);
  const dimensions = names.map((name) => toDimension(search.space[name]));
  const gridValues = search.method === 'grid' ? names.map((name) => (search.space[name] as { values?: PointValue[] }).values ?? []) : undefined;
  return { names, dimensions, gridValues };
}

/** Trials a search runs: every distinct grid combination, or nCalls (default 20). */
export function candidateCount(search: SearchConfig): number {
  if (search.method !== 'grid') return search.nCalls ?? 20;
  return Object.values(search.space).reduce((n, spec) => n * new Set((spec as { values?: PointValue[] }).values ?? []).size, 1);
}

/** A representative point (each dimension's first value or lower bound), to check the paths. */
export function samplePoint(dimensions: Dimension[]): Point {
  return dimensions.map((d) => (d.type === 'categorical' ? d.categories[0] : d.low));
}

/** `lr=0.001, nodes=32`: the short names of a point, as scikit-learn prints a candidate. */
export function describePoint(names: string[], point: Point): string {
  return names.map((name, i) => `${name}=${typeof point[i] === 'number' ? Number((point[i] as number).toPrecision(6)) : point[i]}`).join(', ');
}
