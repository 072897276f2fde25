import { applyEdits, modify } from 'jsonc-parser';
import type { HepmlConfig } from '../../shared/config';
import type { DataWarning } from '../../shared/diagnostics';

/** One change of a config: set the value at `path`, or remove it (value undefined). */
export interface ConfigEdit {
  path: (string | number)[];
  value?: unknown;
}

/** A quick fix: what it says, and the edits it makes (the editor applies them as one undoable edit). */
export interface ConfigFix {
  title: string;
  edits: ConfigEdit[];
}

/** The fixes a data warning offers (validate and the editor's diagnostics show the warning). */
export function dataWarningFixes(warning: DataWarning, config: HepmlConfig): ConfigFix[] {
  switch (warning.kind) {
    case 'sentinel':
      return warning.value === undefined ? [] : [{ title: `Mark ${warning.value} as missing (data.missing, median)`, edits: [{ path: ['data', 'missing'], value: { value: warning.value, policy: 'median' } }] }];
    case 'weights':
      return [{ title: 'Balance the classes (training.classBalance: true)', edits: [{ path: ['training', 'classBalance'], value: true }] }];
    case 'extreme':
      return [{ title: 'Use the robust scaler (median and IQR)', edits: [{ path: ['preprocessing', 'scaler'], value: 'robust' }] }];
    case 'leakage':
    case 'identifier': {
      const index = config.data.features.findIndex((f) => (typeof f === 'string' ? f : f.name) === warning.feature);
      return index < 0 ? [] : [{ title: `Remove "${warning.feature}" from data.features`, edits: [{ path: ['data', 'features', index] }] }];
    }
    default:
      return [];
  }
}

/** Fixes for an overtrained model: more dropout, early stopping that keeps the best epoch. */
export function overtrainingFixes(config: HepmlConfig): ConfigFix[] {
  const fixes: ConfigFix[] = [];
  const hidden = config.model?.hidden;
  if (Array.isArray(hidden)) {
    const dropout = Math.min(0.5, hidden.reduce((most, layer) => Math.max(most, layer.dropout ?? 0), 0) + 0.2);
    fixes.push({ title: `Dropout ${dropout} in every hidden layer`, edits: hidden.map((_, i) => ({ path: ['model', 'hidden', i, 'dropout'], value: dropout })) });
  } else if (hidden) {
    const dropout = Math.min(0.5, (hidden.dropout ?? 0) + 0.2);
    fixes.push({ title: `Dropout ${dropout} in the hidden layers`, edits: [{ path: ['model', 'hidden', 'dropout'], value: dropout }] });
  }
  const stopping = config.training?.earlyStopping;
  if (stopping === false || stopping?.restoreBestWeights === false) {
    fixes.push({ title: 'Early stopping on val_loss, keeping the best epoch', edits: [{ path: ['training', 'earlyStopping'], value: { monitor: 'val_loss', patience: 5, restoreBestWeights: true } }] });
  }
  return fixes;
}

/** The config's text after a fix's edits (jsonc-parser keeps the rest of the text as it was). */
export function fixedText(text: string, fix: ConfigFix): string {
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return fix.edits.reduce((current, edit) => applyEdits(current, modify(current, edit.path, edit.value, { formattingOptions })), text);
}
