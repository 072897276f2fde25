import * as vscode from 'vscode';
import { AllColumnsAction } from './allColumnsAction';
import { ConfigLenses } from './codeLenses';
import { DashboardPanel } from './dashboardPanel';
import { registerCommands } from './commands/commandTable';
import { lastSearchStatus } from './commands/searchCommands';
import { ConfigDiagnostics } from './configDiagnostics';
import { ExperimentsTree } from './experimentsTree';
import { processDirectory, startProcessTracking, stopOrphans, type OrphanReport } from './orphans';
import { ConfigFixActions, DidYouMeanFixes } from './quickFixes';
import { ExpressionCompletionProvider } from './expressionCompletion';
import { SchemaHover } from './schemaHover';
import { SearchHover } from './searchHover';

const CONFIG_SELECTOR: vscode.DocumentSelector = { pattern: '**/*.hepml.json' };

/** What activation returns: used by the integration tests. */
export interface HepmlApi {
  experiments: ExperimentsTree;
  /** What activation found of a dead host's processes; stopOrphans() looks again. */
  orphansAtActivation: Promise<OrphanReport>;
  stopOrphans: () => Promise<OrphanReport>;
  processDirectory: () => string | undefined;
  /** The status-bar text of the latest search started in this window. */
  searchStatusText: () => string | undefined;
}

export function activate(context: vscode.ExtensionContext): HepmlApi {
  const diagnostics = new ConfigDiagnostics();
  const tree = new ExperimentsTree();
  const lenses = new ConfigLenses();
  const output = vscode.window.createOutputChannel('HEP ML');
  const refresh = () => {
    tree.refresh();
    lenses.refresh();
    // File watchers also redraw dashboards, but may lag; a command that ends redraws at once.
    DashboardPanel.redrawAll();
  };
  context.subscriptions.push(
    diagnostics,
    tree,
    output,
    vscode.window.registerTreeDataProvider('hepml.experiments', tree),
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, lenses),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new DidYouMeanFixes(), { providedCodeActionKinds: DidYouMeanFixes.kinds }),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new AllColumnsAction(), { providedCodeActionKinds: AllColumnsAction.kinds }),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigFixActions(diagnostics), { providedCodeActionKinds: ConfigFixActions.kinds }),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new SearchHover()),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new SchemaHover()),
    // Typing a name, or the character before one, inside an expression string.
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ExpressionCompletionProvider(), '"', '(', ' ', '[', '*', '+', '-', '/', '&', '|', '!', '<', '>', '='),
    vscode.window.onDidChangeActiveTextEditor((editor) => DashboardPanel.followEditor(editor)),
    // Dashboards open before a window reload come back with their plots.
    vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, { deserializeWebviewPanel: async (panel, state) => DashboardPanel.revive(context, panel, state) }),
  );
  for (const command of registerCommands({ extension: context, output, refresh })) context.subscriptions.push(command);
  diagnostics.watch(context.subscriptions);
  startProcessTracking(context);
  const orphansAtActivation = stopOrphans().then((report) => {
    if (report.interrupted.length > 0) refresh();
    return report;
  });
  return { experiments: tree, orphansAtActivation, stopOrphans, processDirectory, searchStatusText: () => lastSearchStatus?.text };
}

export function deactivate(): void {
  // A host that dies without deactivating leaves its processes to the next activation (orphans.ts).
}
