// Messages between a dashboard panel (extension host) and its webview (browser).

export interface DashboardSpec {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

/** host -> webview */
export type HostToWebview = { type: 'show'; title: string; specs: DashboardSpec[] };

/** webview -> host */
export type WebviewToHost = { type: 'ready' } | { type: 'rendered'; plots: number; errors: string[] };
