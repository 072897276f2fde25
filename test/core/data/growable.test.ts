// Event columns are built chunk by chunk: into one reserved array when the bound is known.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contiguousRuns, Growable } from '../../../src/core/data/growable';

const chunks = [Float32Array.of(1, 2, 3), Float32Array.of(4, 5), Float32Array.of(6, 7, 8, 9)];
const expected = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

function build(capacity: number): Float32Array {
  const column = new Growable(Float32Array, capacity);
  for (const chunk of chunks) column.append(chunk);
  return column.finish();
}

describe('growable event columns', () => {
  it('joins the chunks without a capacity', () => assert.deepEqual(build(0), expected));

  it('fills the reserved array in place and returns a view of it (no joining copy)', () => {
    const result = build(10);
    assert.deepEqual(result, expected);
    assert.equal(result.buffer.byteLength, 10 * 4, 'the reservation itself, not a copy');
  });

  it('copies when less than half of the reservation was used', () => {
    const result = build(100);
    assert.deepEqual(result, expected);
    assert.equal(result.buffer.byteLength, 9 * 4);
  });

  it('goes on in parts past a bound that was too small, keeping every value in order', () => assert.deepEqual(build(4), expected));

  it('appendAt picks the kept rows into the reservation', () => {
    const column = new Growable(Float64Array, 4);
    column.appendAt(Float64Array.of(10, 11, 12, 13), Int32Array.of(1, 3));
    column.appendAt(Float64Array.of(20, 21), Int32Array.of(0, 1));
    assert.deepEqual(column.finish(), Float64Array.of(11, 13, 20, 21));
  });

  it('copies a loose selection run by run, a tight one value by value, with the same result', () => {
    const n = 1000;
    const values = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    for (const keep of [(i: number) => i % 300 !== 7, (i: number) => i % 3 === 0]) {
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter(keep);
      const runs = contiguousRuns(rows);
      const column = new Growable(Float32Array, n);
      column.appendAt(values, rows, runs);
      assert.deepEqual(column.finish(), Float32Array.from(rows, (i) => i + 0.5));
      if (keep(1)) assert.deepEqual(runs, Int32Array.of(0, 7, 8, 307, 308, 607, 608, 907, 908, 1000));
      else assert.equal(runs, undefined, 'every third row: too many runs to copy one by one');
    }
  });
});
