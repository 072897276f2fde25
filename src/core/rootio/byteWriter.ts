// A growable big-endian byte buffer for ROOT records, with places patched once known (byte counts).

export class ByteWriter {
  private buffer = Buffer.alloc(1024);
  private length = 0;

  get position(): number {
    return this.length;
  }

  private reserve(bytes: number): number {
    const at = this.length;
    if (at + bytes > this.buffer.length) {
      const larger = Buffer.alloc(Math.max(this.buffer.length * 2, at + bytes));
      this.buffer.copy(larger, 0, 0, at);
      this.buffer = larger;
    }
    this.length += bytes;
    return at;
  }

  u8(value: number): this {
    const at = this.reserve(1);
    this.buffer.writeUInt8(value, at);
    return this;
  }

  i8(value: number): this {
    const at = this.reserve(1);
    this.buffer.writeInt8(value, at);
    return this;
  }

  i16(value: number): this {
    const at = this.reserve(2);
    this.buffer.writeInt16BE(value, at);
    return this;
  }

  u16(value: number): this {
    const at = this.reserve(2);
    this.buffer.writeUInt16BE(value, at);
    return this;
  }

  i32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  u32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeUInt32BE(value >>> 0, at);
    return this;
  }

  i64(value: number | bigint): this {
    const at = this.reserve(8);
    this.buffer.writeBigInt64BE(BigInt(value), at);
    return this;
  }

  f32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeFloatBE(value, at);
    return this;
  }

  f64(value: number): this {
    const at = this.reserve(8);
    this.buffer.writeDoubleBE(value, at);
    return this;
  }

  bytes(data: Uint8Array): this {
    const at = this.reserve(data.length);
    this.buffer.set(data, at);
    return this;
  }

  /** A ROOT TString: one length byte (or 255 and four bytes), then UTF-8, no terminator. */
  string(text: string): this {
    return this.bytes(tstring(text));
  }

  patchU32(at: number, value: number): void {
    this.buffer.writeUInt32BE(value >>> 0, at);
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export function tstring(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < 255) return Buffer.concat([Buffer.from([bytes.length]), bytes]);
  const head = Buffer.alloc(5);
  head[0] = 255;
  head.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([head, bytes]);
}
