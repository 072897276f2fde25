// Scalar expressions run as one generated loop; the result must equal the same arithmetic done
// value by value in plain JavaScript, including NaN, infinities and signed zeros.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileExpression, type ExpressionScope } from '../../../src/core/expr/compile';
import { evaluate, evaluationContext } from '../../../src/core/expr/evaluate';
import { hypot } from '../../../src/core/expr/functions';
import { ScratchArrays } from '../../../src/core/expr/scratch';

const a = Float64Array.of(1, -2, 0, -0, NaN, Infinity, -Infinity, 3.5, 1e-200, 1e200);
const b = Float64Array.of(2, 2, 0, 0, 1, 1, -Infinity, -3.5, 1e-200, 1e200);
const n = a.length;
const scope: ExpressionScope = {
  branch: (name) => (name === 'a' || name === 'b' ? 'scalar' : undefined),
  branchNames: () => ['a', 'b'],
  defines: { s: 'a + b', t: 's * 2' },
  fill: 0,
};

function run(text: string, scratch?: ScratchArrays): number[] {
  const chunk = { entries: n, firstEntry: 100, numbers: new Map([['a', a], ['b', b]]), jagged: new Map(), strings: new Map() };
  return Array.from(evaluate(compileExpression(text, scope).ir, evaluationContext(chunk, 4, scratch)) as Float64Array);
}

const each = (f: (x: number, y: number, i: number) => number) => Array.from(a, (x, i) => f(x, b[i], i));
const truth = (v: boolean) => (v ? 1 : 0);

describe('fused scalar expressions', () => {
  const cases: [string, number[]][] = [
    ['a + b * 2 - a / b', each((x, y) => x + y * 2 - x / y)],
    ['a % b', each((x, y) => x % y)],
    ['a < b || a == b', each((x, y) => truth(x < y || x === y))],
    ['a != b && !(a >= b)', each((x, y) => truth(x !== y && !(x >= y)))],
    ['a && b', each((x, y) => truth(x !== 0 && y !== 0))],
    ['a > 0 ? a : -b', each((x, y) => (x > 0 ? x : -y))],
    ['a ? 1 : 2', each((x) => (x !== 0 ? 1 : 2))],
    ['max(a, b) - min(a, b) + abs(a)', each((x, y) => Math.max(x, y) - Math.min(x, y) + Math.abs(x))],
    ['hypot(a, b)', each((x, y) => Math.hypot(x, y))],
    ['t + s', each((x, y) => (x + y) * 2 + (x + y))],
    ['entry + sample * 1000 + 0.5', each((_x, _y, i) => 100 + i + 4000 + 0.5)],
    ['-a + +b', each((x, y) => -x + +y)],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" equals value-by-value arithmetic`, () => assert.deepEqual(run(text), expected));
  }

  it('gives the same values with reused scratch arrays, chunk after chunk', () => {
    const scratch = new ScratchArrays();
    const first = run('a * b + t', scratch);
    scratch.releaseAll();
    assert.deepEqual(run('a * b + t', scratch), first);
  });

  it('hypot agrees with Math.hypot to the last bit or two, also where x*x overflows or underflows', () => {
    for (const [x, y] of [[3, 4], [1e-200, 1e-200], [1e200, 3e200], [0, 0], [-0, 5], [Infinity, NaN], [NaN, 1], [1.1, 2.2]]) {
      const expected = Math.hypot(x, y);
      const got = hypot(x, y);
      if (Number.isNaN(expected)) assert.ok(Number.isNaN(got), `hypot(${x}, ${y})`);
      else assert.ok(got === expected || Math.abs(got - expected) <= 2 * Number.EPSILON * expected, `hypot(${x}, ${y}) = ${got}, Math.hypot: ${expected}`);
    }
  });
});
