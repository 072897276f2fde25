/** The common case (a feature column), in its own function so that the loop stays monomorphic. */
function gatherFloat64IntoFloat32(target: Float32Array, at: number, values: Float64Array, indices: Int32Array): void {
  for (let i = 0; i < indices.length; i++) target[at + i] = values[indices[i]];
}

function copyRuns(target: TypedArray, at: number, values: Float64Array, runs: Int32Array): void {
  for (let r = 0; r < runs.length; r += 2) {
    target.set(values.subarray(runs[r], runs[r + 1]), at);
    at += runs[r + 1] - runs[r];
  }
}

/**
 * The runs of consecutive indices as [start, end) pairs, when there are few enough of them
 * (a loose selection) for copying runs to beat copying values one by one; else undefined.
 */
export function contiguousRuns(indices: Int32Array): Int32Array | undefined {
  const limit = indices.length >> 4;
  const runs: number[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i + 1;
    while (j < indices.length && indices[j] === indices[j - 1] + 1) j++;
    runs.push(indices[i], indices[j - 1] + 1);
    if (runs.length / 2 > limit) return undefined;
    i = j;
  }
  return Int32Array.from(runs);
}

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/**
 * A typed array built chunk by chunk. Given a capacity (an upper bound of the entries, known
 * before reading), the values go straight into one array of that size, and the result is a view
 * of it: no parts, no joining copy. Untouched capacity costs address space, not memory (fresh
 * pages stay unmapped until written). Past the capacity, or without one, the chunks are kept as
 * they come and joined once at the end.
 */
export class Growable<T extends TypedArray> {
  private parts: T[] = [];
  private size = 0;
  private reserved?: T;
  private filled = 0;

  constructor(
    private readonly type: TypedArrayConstructor<T>,
    capacity = 0,
  ) {
    if (capacity > 0) this.reserved = new type(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Where `count` more values go: the reserved array while it has room, else a new part. */
  private space(count: number): { target: T; at: number } {
    this.size += count;
    if (this.reserved && this.parts.length === 0 && this.filled + count <= this.reserved.length) {
      this.filled += count;
      return { target: this.reserved, at: this.filled - count };
    }
    if (this.reserved && this.parts.length === 0) this.parts.push(this.reserved.subarray(0, this.filled) as T);
    const part = new this.type(count);
    this.parts.push(part);
    return { target: part, at: 0 };
  }

  /** Appends a copy of `values`. */
  append(values: ArrayLike<number>): void {
    const { target, at } = this.space(values.length);
    target.set(values, at);
  }

  /**
   * Appends values[indices[i]] for each i (`indices` ascending, as a selection gives them).
   * `runs` ([start, end) pairs of consecutive indices), when given, copies each run at once.
   * Returns the values as stored.
   */
  appendAt(values: ArrayLike<number>, indices: Int32Array, runs?: Int32Array): T {
    const { target, at } = this.space(indices.length);
    if (indices.length === values.length) target.set(values, at);
    else if (runs && values instanceof Float64Array) copyRuns(target, at, values, runs);
    else if (target instanceof Float32Array && values instanceof Float64Array) gatherFloat64IntoFloat32(target, at, values, indices);
    else for (let i = 0; i < indices.length; i++) target[at + i] = values[indices[i]];
    return target.subarray(at, at + indices.length) as T;
  }

  /** The values as one array; the builder is empty afterwards. */
  finish(): T {
    const whole = this.reserved && this.parts.length === 0 ? this.reserved : undefined;
    // A view keeps the whole reservation alive: worth it unless most of it went unused.
    const result = whole && this.filled * 2 >= whole.length ? (whole.subarray(0, this.filled) as T) : this.joined();
    this.parts = [];
    this.reserved = undefined;
    this.size = 0;
    this.filled = 0;
    return result;
  }

  private joined(): T {
    const parts = this.parts.length > 0 ? this.parts : this.reserved ? [this.reserved.subarray(0, this.filled) as T] : [];
    const out = new this.type(this.size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
