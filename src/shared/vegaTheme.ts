/** The colours a Vega-Lite plot takes from the page around it. */
export interface PlotColours {
  text: string;
  grid: string;
  background: string;
}

/**
 * A Vega-Lite config that draws every text and default mark in the page's colours: axes,
 * legends (symbols without a colour encoding, as a shape legend's), titles, subtitles, headers,
 * text marks, rules. The dashboards fill it from VS Code's theme, the report from its light or dark one.
 */
export function vegaThemeConfig({ text, grid, background }: PlotColours): Record<string, unknown> {
  return {
    background,
    axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: text, tickColor: text },
    legend: { labelColor: text, titleColor: text, symbolBaseFillColor: text, symbolBaseStrokeColor: text },
    title: { color: text, subtitleColor: text },
    header: { labelColor: text, titleColor: text },
    text: { color: text },
    // Rules without a colour of their own (a cut, a threshold) are black by default: unseen on dark.
    rule: { color: text },
    view: { stroke: grid },
  };
}
