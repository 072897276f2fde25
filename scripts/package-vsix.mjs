// npm run package: the extension as a .vsix (made with @vscode/vsce) in the repo root.
// Everything is bundled by esbuild into out/vsix/dist (npm packages inlined, so the .vsix needs
// no node_modules); the files packages load at run time ship beside the bundles: the TF.js WASM
// binaries, jsroot's io and tree as one ES module, and vega's browser builds for reports.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(repo, 'out', 'vsix');
const dist = path.join(stage, 'dist');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'error',
  // ES module builds of some packages (fdir, under tinyglobby) read import.meta.url, which a
  // CommonJS bundle lacks: give them this file's URL.
  define: { HEPML_PACKAGED: 'true', 'import.meta.url': '__hepmlImportMetaUrl' },
  banner: { js: "var __hepmlImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  // ES module builds first: some packages' UMD builds require() files esbuild cannot follow.
  mainFields: ['module', 'main'],
  // Native TensorFlow backends stay optional: loaded from the user's node_modules when present.
  external: ['vscode', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
  outdir: dist,
};
await Promise.all([
  esbuild.build({ ...node, entryPoints: { extension: 'src/extension/extension.ts', cli: 'src/cli/main.ts', worker: 'src/worker/main.ts' } }),
  esbuild.build({ stdin: { contents: "export * as io from 'jsroot/io';\nexport * as tree from 'jsroot/tree';\n", resolveDir: repo }, bundle: true, platform: 'node', format: 'esm', minify: true, logLevel: 'error', external: ['canvas', 'jsdom', 'three', 'mathjax', 'gl'], outfile: path.join(dist, 'jsroot.mjs') }),
  esbuild.build({ stdin: { contents: "export * from 'hyparquet';\nexport { compressors } from 'hyparquet-compressors';\n", resolveDir: repo }, bundle: true, platform: 'node', format: 'esm', minify: true, logLevel: 'error', outfile: path.join(dist, 'hyparquet.mjs') }),
  esbuild.build({ entryPoints: { dashboard: 'webview/dashboard.ts', experiments: 'webview/experiments.ts' }, bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, logLevel: 'error', outdir: path.join(dist, 'webview') }),
]);

const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
};
const wasmDir = path.join(repo, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
for (const file of fs.readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) copy(path.join(wasmDir, file), path.join(dist, 'wasm', file));
for (const [pkg, file] of [['vega', 'build/vega.min.js'], ['vega-lite', 'build/vega-lite.min.js'], ['vega-embed', 'build/vega-embed.min.js']]) copy(path.join(repo, 'node_modules', pkg, file), path.join(dist, 'vendor', pkg, file));
for (const file of ['README.md', 'LICENSE', 'schemas/hepml.schema.json']) copy(path.join(repo, file), path.join(stage, file));
// Walkthrough pages and icons.
if (fs.existsSync(path.join(repo, 'media'))) fs.cpSync(path.join(repo, 'media'), path.join(stage, 'media'), { recursive: true });

// The manifest without what only the repository needs.
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
for (const key of ['dependencies', 'devDependencies', 'scripts', 'bin', 'private', 'allowScripts', 'optionalDependencies']) delete manifest[key];
manifest.repository ??= { type: 'git', url: 'https://example.invalid/hepml-lab.git' };
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
fs.writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');

/** Packs the staged folder with vsce: the universal package, or one for a platform target. */
function pack(target) {
  const vsix = path.join(repo, `${manifest.name}-${target ? `${target}-` : ''}${manifest.version}.vsix`);
  const vsce = spawnSync(process.execPath, [path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', ...(target ? ['--target', target] : []), '--out', vsix], { cwd: stage, encoding: 'utf8' });
  if (vsce.status !== 0) {
    process.stderr.write(vsce.stdout + vsce.stderr);
    process.exit(1);
  }
  process.stdout.write(`${path.relative(repo, vsix)}: ${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB\n`);
}

// The universal package trains on the wasm kernels alone.
pack();
// This platform's package carries the native addon with OpenBLAS linked in (no system library
// needed), found where the bundles look for it: native/build/ beside dist/.
const target = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}`;
const addon = path.join(stage, 'native', 'build', 'hepml_blas.node');
const built = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build-native.mjs'), '--static', '--out', addon], { encoding: 'utf8' });
if (built.status === 0) pack(target);
else process.stdout.write(`no ${target} package: ${(built.stderr || built.stdout).trim()}\n`);
