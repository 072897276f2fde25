import type { Diagnostics, ProcessPlots, StackedDistribution } from '../../shared/diagnostics';
import { SCHEMA, type NamedSpec, type VegaLiteSpec } from './vegaLite';

// Distributions per process as physicists draw them: backgrounds stacked as expected yields,
// the signal overlaid as a line (scaled up to be seen, the factor in its name), and the
// background shape of each spectator after cuts on the output (sculpting check).

/** A round factor that brings the signal's total near the backgrounds' (1 when it is already). */
export function signalFactor(plots: ProcessPlots): number {
  const background = plots.processes.filter((p) => !p.signal).reduce((s, p) => s + p.yield, 0);
  const signal = plots.processes.filter((p) => p.signal).reduce((s, p) => s + p.yield, 0);
  if (!(signal > 0) || !(background > signal)) return 1;
  const raw = background / signal;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return Math.max(1, Math.round(raw / magnitude) * magnitude);
}

function rows(plots: ProcessPlots, distributions: StackedDistribution[]) {
  const factor = signalFactor(plots);
  return distributions.flatMap((d) =>
    d.yields.flatMap((yields, p) => {
      const process = plots.processes[p];
      const label = process.signal && factor > 1 ? `${process.name} (x${factor})` : process.name;
      return yields.map((y, b) => ({ variable: d.name, x: d.edges[b], x2: d.edges[b + 1], process: label, signal: process.signal, yield: process.signal ? y * factor : y }));
    }),
  );
}

function stackedSpec(plots: ProcessPlots, distributions: StackedDistribution[], columns: number): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    data: { values: rows(plots, distributions) },
    facet: { field: 'variable', type: 'nominal', title: null, sort: distributions.map((d) => d.name) },
    columns,
    spec: {
      width: 200,
      height: 130,
      layer: [
        {
          transform: [{ filter: '!datum.signal' }],
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } },
            x2: { field: 'x2' },
            y: { aggregate: 'sum', field: 'yield', type: 'quantitative', title: 'expected events', stack: 'zero' },
            color: { field: 'process', type: 'nominal', title: 'process' },
            tooltip: [{ field: 'process' }, { field: 'x', format: '.3g' }, { field: 'yield', format: '.4g' }],
          },
        },
        {
          transform: [{ filter: 'datum.signal' }],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'yield', type: 'quantitative' },
            color: { field: 'process', type: 'nominal', title: 'process' },
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

function sculptingSpec(d: Diagnostics): VegaLiteSpec {
  const values = d.sculpting!.flatMap((check) =>
    check.cuts.flatMap((cut) =>
      cut.shape.map((density, b) => ({
        spectator: `${check.spectator} (correlation with the output: signal ${check.correlation.signal.toFixed(2)}, background ${check.correlation.background.toFixed(2)})`,
        x: check.edges[b],
        cut: cut.backgroundEfficiency >= 1 ? 'no cut' : `output > ${cut.threshold.toFixed(3)} (${Math.round(cut.backgroundEfficiency * 100)}% of background)`,
        order: -cut.backgroundEfficiency,
        density,
      })),
    ),
  );
  return {
    $schema: SCHEMA,
    data: { values },
    facet: { field: 'spectator', type: 'nominal', title: null },
    columns: 2,
    spec: {
      width: 320,
      height: 180,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } },
        y: { field: 'density', type: 'quantitative', title: 'background, normalised' },
        color: { field: 'cut', type: 'nominal', title: 'events kept', sort: { field: 'order' } },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

/** The per-process and sculpting plots of a run or an exploration. */
export function processSpecs(d: Diagnostics): NamedSpec[] {
  const out: NamedSpec[] = [];
  const plots = d.processes;
  if (plots) {
    const variables = plots.distributions.filter((x) => x.kind !== 'output');
    const output = plots.distributions.filter((x) => x.kind === 'output');
    if (output.length) out.push({ id: 'output-by-process', title: 'Classifier output per process (test events, scaled to the whole sample)', spec: stackedSpec(plots, output, 1) });
    if (variables.length) out.push({ id: 'stacked', title: 'Features and spectators per process (expected yields, backgrounds stacked)', spec: stackedSpec(plots, variables, 4) });
  }
  if (d.sculpting?.length) out.push({ id: 'sculpting', title: 'Sculpting check: background spectator shape after cuts on the output', spec: sculptingSpec(d) });
  return out;
}
