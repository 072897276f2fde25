import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGED } from './packaged';

// ES-module-only packages (jsroot, hyparquet) are loaded with a real dynamic import, which keeps
// them out of the CommonJS bundles; the packaged extension ships each as one module beside them.
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

/** The package `name` (or, packaged, `<bundle>.mjs` beside the bundles). */
export function importEsm<T>(name: string, bundle: string): Promise<T> {
  return PACKAGED ? importModule<T>(pathToFileURL(path.join(__dirname, `${bundle}.mjs`)).href) : importModule<T>(name);
}
