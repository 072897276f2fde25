// Builds the optional native addon (native/*.c -> native/build/hepml_blas.node): OpenBLAS's
// sgemm for the wasm backend's dense layers, a one-pass Adam update, LAPACK for the GP. Needs a C compiler and libopenblas-dev; where either
// is missing it says so and exits 0, and training keeps the wasm kernels.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const headers = path.dirname(require.resolve('node-api-headers/include/node_api.h'));
const output = path.join(repo, 'native', 'build', 'hepml_blas.node');
fs.mkdirSync(path.dirname(output), { recursive: true });
const compiler = process.env.CC || 'cc';
const sources = ['addon.c', 'gemm.c', 'adam.c', 'gp.c'].map((file) => path.join(repo, 'native', file));
// -fno-math-errno lets the compiler vectorise Adam's square roots.
const args = ['-O3', '-fno-math-errno', '-shared', '-fPIC', '-DNAPI_VERSION=8', '-DNODE_GYP_MODULE_NAME=hepml_blas', '-I', headers, ...sources, '-o', output, '-lopenblas'];
const built = spawnSync(compiler, args, { encoding: 'utf8' });
if (built.status !== 0) {
  fs.rmSync(output, { force: true });
  const why = built.error ? `${compiler} not found` : built.stderr.trim().split('\n').slice(-3).join(' | ');
  console.log(`native addon not built (${why}); training uses the wasm kernels. Install a C compiler and libopenblas-dev, then npm run build:native.`);
  process.exit(0);
}
// Loading it proves the library links here.
try {
  require(output);
  console.log(`native addon built: ${path.relative(repo, output)} (OpenBLAS sgemm for dense layers, one-pass Adam, LAPACK for the GP)`);
} catch (error) {
  fs.rmSync(output, { force: true });
  console.log(`native addon built but does not load (${error.message}); training uses the wasm kernels.`);
}
