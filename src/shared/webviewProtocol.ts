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
export type HostToWebview = { type: 'show'; title: string; subtitle?: string; verdicts?: { badge: string; message: string }[]; best?: BestTrialCard; tables?: TextTable[]; specs: DashboardSpec[]; source: string[]; table?: TrialsTable; trial?: number };

/** A table of text the report also shows (working points, data checks, cut-flow, yields). */
export interface TextTable {
  title: string;
  header: string[];
  rows: string[][];
}

/** A finished search's best trial (by its cross-validation score), with what it set. */
export interface BestTrialCard {
  trial: number;
  scoring: string;
  score: number;
  std: number;
  params: Record<string, string | number | boolean>;
  /** The refit's test AUC, when the refit ran. */
  testAuc?: number;
}

/** webview -> host. `export`: a plot as SVG text or a PNG data URL, which the host saves where the user chooses. */
export type WebviewToHost =
  | { type: 'ready' }
  /** `rows`: per plot drawn from inline data, the rows its view holds now (live plots grow); `tables`: the tables' titles. */
  | { type: 'rendered'; plots: number; errors: string[]; rows?: Record<string, number>; tables?: string[] }
  /** A live plot was updated (sent as each is drawn, before the rest of the page): the rows it holds now. */
  | { type: 'drawn'; rows: Record<string, number> }
  | { type: 'export'; id: string; format: 'svg' | 'png'; data: string }
  /** A row of the trials table or a point of a search plot was clicked: open that trial's dashboard. */
  | { type: 'openTrial'; trial: number }
  /** Open the config the trial trained. */
  | { type: 'openTrialConfig'; trial: number }
  /** The best-trial card's buttons: write its parameters into the config (as a previewed edit), or train a copy with them. */
  | { type: 'applyBest' }
  | { type: 'trainBest' };

/** One run in the experiments table. */
export interface ExperimentRow {
  dir: string;
  id: string;
  config: string;
  name: string;
  kind: string;
  status: string;
  created: string;
  /** Settings of the run's config that differ from the config file now ("path=value"). */
  changed: string[];
  /** Test AUC (a search's refit). */
  auc: number | null;
  ksSignal: number | null;
  ksBackground: number | null;
  /** Signal efficiency at background efficiency 0.01 and 0.1 (test events). */
  signalEfficiencyAt001: number | null;
  signalEfficiencyAt01: number | null;
  epochs: number | null;
  seconds: number | null;
  verdicts: string[];
}

/** host -> the experiments table's webview. */
export type HostToTable = { type: 'rows'; rows: ExperimentRow[] };

/** The experiments table's webview -> host: compare the selected runs, diff two runs' configs, open one. */
export type TableToHost = { type: 'ready' } | { type: 'compare'; dirs: string[] } | { type: 'diff'; dirs: [string, string] } | { type: 'open'; dir: string };
