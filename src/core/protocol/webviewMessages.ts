import type { WebviewToHost } from '../../shared/webviewProtocol';
import { isPlainRecord, tooLarge } from './workerMessages';

/** A message from a dashboard webview, or undefined when it is malformed, oversized or unknown. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (!isPlainRecord(value) || tooLarge(value)) return undefined;
  if (value.type === 'ready' && Object.keys(value).length === 1) return { type: 'ready' };
  if (value.type === 'rendered' && typeof value.plots === 'number' && Number.isInteger(value.plots) && value.plots >= 0 && Array.isArray(value.errors) && value.errors.every((e) => typeof e === 'string')) {
    return { type: 'rendered', plots: value.plots, errors: value.errors as string[] };
  }
  return undefined;
}
