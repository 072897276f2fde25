// Bundles each entry point. Node bundles keep npm packages external (tfjs must share one
// tfjs-core with an optional native backend; jsroot is loaded as ES modules at run time).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

const builds = [
  { ...nodeCommon, entryPoints: { core: 'src/core/index.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { worker: 'src/worker/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The integration suite, run by mocha inside a real VS Code extension host (test/e2e).
  { ...nodeCommon, entryPoints: { index: 'test/e2e/suite/index.ts' }, outdir: 'dist/e2e', external: ['vscode'] },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: { dashboard: 'webview/dashboard.ts', experiments: 'webview/experiments.ts' },
    outdir: 'dist/webview',
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
