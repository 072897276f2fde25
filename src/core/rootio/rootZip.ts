import * as zlib from 'node:zlib';

/** ROOT compresses in blocks of at most this many raw bytes. */
const MAX_BLOCK = 0xffffff;

/**
 * ROOT's zlib framing: each block of at most 0xffffff raw bytes as 'Z' 'L' 8, the compressed and
 * raw sizes (3 bytes each, little-endian), then a zlib stream. Undefined when compression does
 * not make it smaller: ROOT then stores the bytes as they are.
 */
/** A zlib-stream compressor (RFC 1950); node's by default. */
export type Deflate = (data: Uint8Array, level: number) => Uint8Array;

const nodeDeflate: Deflate = (data, level) => zlib.deflateSync(data, { level });

export function rootZip(data: Uint8Array, level: number, deflate: Deflate = nodeDeflate): Buffer | undefined {
  if (level <= 0 || data.length === 0) return undefined;
  const blocks: Buffer[] = [];
  let total = 0;
  for (let start = 0; start < data.length; start += MAX_BLOCK) {
    const raw = data.subarray(start, Math.min(data.length, start + MAX_BLOCK));
    const packed = deflate(raw, level);
    const head = Buffer.from([0x5a, 0x4c, 0x08, 0, 0, 0, 0, 0, 0]);
    head.writeUIntLE(packed.length, 3, 3);
    head.writeUIntLE(raw.length, 6, 3);
    blocks.push(head, Buffer.from(packed.buffer, packed.byteOffset, packed.length));
    total += head.length + packed.length;
  }
  return total < data.length ? Buffer.concat(blocks, total) : undefined;
}
