/** A Vega-Lite specification (JSON); kept loose so that the core needs no Vega types. */
export type VegaLiteSpec = Record<string, unknown>;

export interface NamedSpec {
  id: string;
  title: string;
  spec: VegaLiteSpec;
}

/** The Vega-Lite version every spec of the lab is written for. */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
