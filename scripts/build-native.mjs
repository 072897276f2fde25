// Builds the optional native addon (native/*.c -> native/build/hepml_blas.node): OpenBLAS's
// sgemm for the wasm backend's dense layers, a one-pass Adam update, LAPACK for the GP. Needs a C compiler and libopenblas-dev; where either
// is missing it says so and exits 0, and training keeps the wasm kernels.
//
// --static [--out FILE]: for a platform package (npm run package): OpenBLAS linked in from its
// static library, so the addon loads on machines without libopenblas (it then needs only libc
// and libm); exits 1 when that cannot be built, since the package would be a wasm one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const headers = path.dirname(require.resolve('node-api-headers/include/node_api.h'));
const argv = process.argv.slice(2);
const linkStatic = argv.includes('--static');
const outIndex = argv.indexOf('--out');
const output = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.join(repo, 'native', 'build', 'hepml_blas.node');
fs.mkdirSync(path.dirname(output), { recursive: true });
const compiler = process.env.CC || 'cc';
const sources = ['addon.c', 'gemm.c', 'adam.c', 'gp.c'].map((file) => path.join(repo, 'native', file));

/** Debian's static OpenBLAS (the pthread build, every CPU's kernels), if installed. */
function staticOpenblas() {
  const multiarch = spawnSync(compiler, ['-print-multiarch'], { encoding: 'utf8' }).stdout?.trim() || `${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;
  return [`/usr/lib/${multiarch}/openblas-pthread/libopenblas.a`, `/usr/lib/${multiarch}/libopenblas.a`, '/usr/lib/libopenblas.a'].find((file) => fs.existsSync(file));
}

function fail(why) {
  fs.rmSync(output, { force: true });
  if (linkStatic) {
    console.error(`static native addon not built: ${why}`);
    process.exit(1);
  }
  console.log(`native addon not built (${why}); training uses the wasm kernels. Install a C compiler and libopenblas-dev, then npm run build:native.`);
  process.exit(0);
}

const library = linkStatic ? staticOpenblas() : '-lopenblas';
if (!library) fail('no static OpenBLAS library (libopenblas.a; Debian: libopenblas-dev)');
// -fno-math-errno lets the compiler vectorise Adam's square roots; -s strips the static build's symbols.
const args = ['-O3', '-fno-math-errno', '-shared', '-fPIC', '-DNAPI_VERSION=8', '-DNODE_GYP_MODULE_NAME=hepml_blas', '-I', headers, ...sources, '-o', output, library, ...(linkStatic ? ['-s', '-lpthread', '-lm'] : [])];
const built = spawnSync(compiler, args, { encoding: 'utf8' });
if (built.status !== 0) fail(built.error ? `${compiler} not found` : built.stderr.trim().split('\n').slice(-3).join(' | '));
if (linkStatic) {
  // The point of the static build: no shared library beyond the C runtime.
  const needed = spawnSync('readelf', ['-d', output], { encoding: 'utf8' }).stdout.split('\n').filter((line) => line.includes('(NEEDED)'));
  const foreign = needed.filter((line) => !/\[(libc|libm|libpthread|libdl|ld-linux[^\]]*)\.so[^\]]*\]/.test(line));
  if (foreign.length > 0) fail(`it still needs ${foreign.map((line) => line.replace(/.*\[|\].*/g, '')).join(', ')}`);
}
// Loading it proves the library links here.
try {
  require(output);
  console.log(`native addon built: ${path.relative(repo, output)} (OpenBLAS sgemm for dense layers, one-pass Adam, LAPACK for the GP${linkStatic ? '; OpenBLAS linked in' : ''})`);
} catch (error) {
  fail(`built but does not load: ${error.message}`);
}
