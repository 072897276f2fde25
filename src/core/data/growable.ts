type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/**
 * A typed array built chunk by chunk: the chunks are kept as they come and joined once at the
 * end into an array of exactly the right length (no doubling, no over-allocation).
 */
export class Growable<T extends TypedArray> {
  private parts: T[] = [];
  private size = 0;

  constructor(private readonly type: TypedArrayConstructor<T>) {}

  get length(): number {
    return this.size;
  }

  /** Appends a copy of `values`. */
  append(values: ArrayLike<number>): void {
    const part = new this.type(values.length);
    part.set(values);
    this.parts.push(part);
    this.size += values.length;
  }

  /** Appends values[indices[i]] for each i. */
  appendAt(values: ArrayLike<number>, indices: Int32Array): void {
    const part = new this.type(indices.length);
    for (let i = 0; i < indices.length; i++) part[i] = values[indices[i]];
    this.parts.push(part);
    this.size += indices.length;
  }

  /** The joined array; the builder is empty afterwards. */
  finish(): T {
    const out = new this.type(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}
