/**
 * Arrays for a chunk's intermediate values, handed out again for the next chunk: a define's
 * column of a 60,000-entry chunk is half a megabyte, and allocating (and collecting) ten of
 * them per chunk cost more than computing them.
 */
export class ScratchArrays {
  private readonly free = new Map<number, Float64Array[]>();
  private readonly taken: Float64Array[] = [];

  /** An array of length n; its values are whatever was left in it. */
  take(n: number): Float64Array {
    const array = this.free.get(n)?.pop() ?? new Float64Array(n);
    this.taken.push(array);
    return array;
  }

  /** Every array taken since the last release may be handed out again. */
  releaseAll(): void {
    for (const array of this.taken) {
      const list = this.free.get(array.length) ?? [];
      list.push(array);
      this.free.set(array.length, list);
    }
    this.taken.length = 0;
  }
}
