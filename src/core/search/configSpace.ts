import type { SearchConfig, SearchDimensionConfig } from '../../shared/config';
import type { Dimension, Point, PointValue } from './space';

// The search space of a config's search section: its config paths mapped to dimensions.

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

/** A representative point (each dimension's first value or lower bound), to check the paths. */
export function samplePoint(dimensions: Dimension[]): Point {
  return dimensions.map((d) => (d.type === 'categorical' ? d.categories[0] : d.low));
}

/** `lr=0.001, nodes=32`: the short names of a point, as scikit-learn prints a candidate. */
export function describePoint(names: string[], point: Point): string {
  return names.map((name, i) => `${name}=${typeof point[i] === 'number' ? Number((point[i] as number).toPrecision(6)) : point[i]}`).join(', ');
}
