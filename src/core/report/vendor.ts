import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The text of a browser bundle shipped inside an npm package (e.g. vega's build/vega.min.js).
 * Found by walking up to node_modules, as the packages' `exports` hide their build folders.
 */
export function vendorFile(pkg: string, file: string, from = __dirname): string {
  // The packaged extension ships them beside its bundles.
  const shipped = path.join(from, 'vendor', pkg, file);
  if (fs.existsSync(shipped)) return shipped;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg, file);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${pkg}/${file}; run npm ci`);
  }
}

export const VEGA_BUNDLES: [string, string][] = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
];

export function vegaScripts(): string[] {
  return VEGA_BUNDLES.map(([pkg, file]) => fs.readFileSync(vendorFile(pkg, file), 'utf8'));
}
