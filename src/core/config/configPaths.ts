import type { HepmlConfig } from '../../shared/config';

// Config paths (`training.learningRate`, `model.hidden.units`, `model.hidden[0].dropout`,
// `model.hidden[*].l2`) and the config that setting them gives.

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
export function applyPoint(base: HepmlConfig, names: string[], point: readonly unknown[]): HepmlConfig {
  const config = structuredClone(base);
  delete config.search;
  names.forEach((name, i) => {
    expandLayersShorthand(config, name);
    setPath(config, parsePath(name), point[i], name);
  });
  return config;
}

