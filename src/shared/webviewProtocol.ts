// Messages between a dashboard panel (extension host) and its webview (browser).

export interface DashboardSpec {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

/** A search's trials for the dashboard's sortable table. */
export interface TrialsTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * host -> webview; `source` names what is shown (a run folder, a search's trial folder, or runs
 * compared), kept in the webview's state so a reloaded window can restore the panel; `trial`: the
 * trial shown, whose config the page offers to open.
 */
export type HostToWebview = { type: 'show'; title: string; subtitle?: string; verdicts?: { badge: string; message: string }[]; specs: DashboardSpec[]; source: string[]; table?: TrialsTable; trial?: number };

/** webview -> host. `export`: a plot as SVG text or a PNG data URL, which the host saves where the user chooses. */
export type WebviewToHost =
  | { type: 'ready' }
  /** `rows`: per plot drawn from inline data, the rows its view holds now (live plots grow). */
  | { type: 'rendered'; plots: number; errors: string[]; rows?: Record<string, number> }
  | { type: 'export'; id: string; format: 'svg' | 'png'; data: string }
  /** A row of the trials table or a point of a search plot was clicked: open that trial's dashboard. */
  | { type: 'openTrial'; trial: number }
  /** Open the config the trial trained. */
  | { type: 'openTrialConfig'; trial: number };
