// How a dashboard redraws a plot in place: each spec's inline data become a named dataset, so a
// newer spec of the same shape only swaps the data of the drawn view (no new embed, no flicker).

/** The dataset name a spec's top-level inline values are moved to. */
export const LIVE_DATA = 'live';

type Spec = Record<string, unknown>;

function inlineValues(spec: Spec): unknown[] | undefined {
  const data = spec.data as { values?: unknown } | undefined;
  return Array.isArray(data?.values) ? data.values : undefined;
}

/** The spec with its top-level inline values as the named dataset LIVE_DATA (unchanged without such values). */
export function withNamedData(spec: Spec): Spec {
  const values = inlineValues(spec);
  if (!values) return spec;
  return { ...spec, data: { name: LIVE_DATA }, datasets: { ...(spec.datasets as Spec | undefined), [LIVE_DATA]: values } };
}

/** What must match for a drawn view to take a newer spec's data: the spec without its top-level values. */
export function shapeOf(spec: Spec): string {
  const values = inlineValues(spec);
  return JSON.stringify(values ? { ...spec, data: { name: LIVE_DATA } } : spec);
}

/** The values to swap into a drawn view (undefined: the spec has none to swap, draw it anew). */
export function liveValues(spec: Spec): unknown[] | undefined {
  return inlineValues(spec);
}
