// The GP's dense algebra gives the same numbers through LAPACK/BLAS (native addon) and through
// the JavaScript loops, and the loops invert and solve correctly on their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaussianProcess } from '../../../src/core/search/gaussianProcess';
import { javascriptAlgebra, type GpAlgebra } from '../../../src/core/search/gpLinearAlgebra';
import { nativeAddon } from '../../../src/core/native/nativeAddon';
import { createRng } from '../../../src/core/util/random';

/** A random symmetric positive-definite n x n matrix (B B^T + 0.1 I). */
function spd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const b = Float64Array.from({ length: n * n }, () => rng() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
      a[i * n + j] = s + (i === j ? 0.1 : 0);
    }
  }
  return a;
}

function worstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}

const required = process.env.HEPML_REQUIRE_NATIVE === '1';
const algebras: [string, GpAlgebra | undefined][] = [['JavaScript', javascriptAlgebra], ['LAPACK', nativeAddon()]];

describe('GP linear algebra', () => {
  for (const [name, algebra] of algebras) {
    it(`${name}: L L^T rebuilds the matrix, the inverse times the matrix is I, rows solve L v = b`, (t) => {
      if (!algebra) {
        if (required) assert.fail('HEPML_REQUIRE_NATIVE=1 but the addon is not built (npm run build:native)');
        return t.skip('addon not built here');
      }
      for (const n of [1, 7, 61]) {
        const a = spd(n, n);
        const l = Float64Array.from(a);
        assert.ok(algebra.cholesky(l, n));
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.equal(l[i * n + j], 0, 'zeros above the diagonal');
        const rebuilt = Float64Array.from({ length: n * n }, (_, index) => {
          const [i, j] = [Math.floor(index / n), index % n];
          let s = 0;
          for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
          return s;
        });
        assert.ok(worstDifference(rebuilt, a) < 1e-12, `n=${n}: L L^T`);
        const inverse = new Float64Array(n * n);
        algebra.inverseFromCholesky(l, n, inverse);
        const identity = Float64Array.from({ length: n * n }, (_, index) => {
          const [i, j] = [Math.floor(index / n), index % n];
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k] * inverse[k * n + j];
          return s;
        });
        assert.ok(worstDifference(identity, Float64Array.from({ length: n * n }, (_, index) => (index % (n + 1) === 0 ? 1 : 0))) < 1e-9, `n=${n}: A A^-1 = I`);
        // Rows of b: 6 of them, not a multiple of the four the loops take together.
        const rows = 6;
        const rng = createRng(100 + n);
        const b = Float64Array.from({ length: rows * n }, () => rng() - 0.5);
        const v = Float64Array.from(b);
        algebra.solveLowerRows(l, n, v, rows);
        for (let r = 0; r < rows; r++) {
          const back = Float64Array.from({ length: n }, (_, i) => {
            let s = 0;
            for (let k = 0; k <= i; k++) s += l[i * n + k] * v[r * n + k];
            return s;
          });
          assert.ok(worstDifference(back, b.subarray(r * n, (r + 1) * n)) < 1e-10, `n=${n}: row ${r} of L v = b`);
        }
      }
    });
  }

  it('says a matrix that is not positive definite is not, both ways', (t) => {
    const native = nativeAddon();
    if (!native) return t.skip('addon not built here');
    for (const algebra of [javascriptAlgebra, native]) assert.equal(algebra.cholesky(Float64Array.from([1, 2, 2, 1]), 2), false);
  });

  it('fits and predicts the same GP through either', (t) => {
    const native = nativeAddon();
    if (!native) return t.skip('addon not built here');
    const rng = createRng(3);
    const x = Array.from({ length: 45 }, () => [rng(), rng(), rng(), rng()]);
    const y = x.map((p) => Math.sin(3 * p[0]) + p[1] * p[2] - p[3]);
    const queries = Array.from({ length: 501 }, () => [rng(), rng(), rng(), rng()]);
    const [viaJs, viaLapack] = [javascriptAlgebra, native].map((algebra) => {
      const gp = GaussianProcess.fit(x, y, createRng(4), { algebra });
      return { theta: gp.hyperParameters, ...gp.predict(queries) };
    });
    assert.ok(worstDifference(viaLapack.theta, viaJs.theta) < 1e-5, 'same hyper-parameters');
    assert.ok(worstDifference(viaLapack.mean, viaJs.mean) < 1e-6, 'same means');
    assert.ok(worstDifference(viaLapack.std, viaJs.std) < 1e-6, 'same standard deviations');
  });
});
