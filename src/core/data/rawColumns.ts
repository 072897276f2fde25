import type { BranchRequest, ChunkSink, JaggedColumn, RawChunk } from '../expr/chunks';

/** Every entry of a source's requested columns, concatenated (for small files, tests and tools). */
export interface RawColumns {
  entries: number;
  numbers: Map<string, Float64Array>;
  jagged: Map<string, JaggedColumn>;
  strings: Map<string, string[]>;
}

function concatNumbers(parts: Float64Array[], total: number): Float64Array {
  const out = new Float64Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function concatJagged(parts: JaggedColumn[], entries: number): JaggedColumn {
  const offsets = new Int32Array(entries + 1);
  const values = concatNumbers(parts.map((p) => p.values), parts.reduce((n, p) => n + p.values.length, 0));
  let entry = 0;
  let base = 0;
  for (const part of parts) {
    const n = part.offsets.length - 1;
    for (let e = 1; e <= n; e++) offsets[entry + e] = base + part.offsets[e] - part.offsets[0];
    entry += n;
    base += part.offsets[n] - part.offsets[0];
  }
  return { offsets, values };
}

/** Runs a chunked reader and joins its chunks. */
export async function collectChunks(requests: BranchRequest[], read: (sink: ChunkSink) => Promise<number>): Promise<RawColumns> {
  const chunks: RawChunk[] = [];
  const entries = await read((chunk) => chunks.push(chunk));
  const out: RawColumns = { entries, numbers: new Map(), jagged: new Map(), strings: new Map() };
  for (const { name, kind } of requests) {
    if (kind === 'number') out.numbers.set(name, concatNumbers(chunks.map((c) => c.numbers.get(name)!), entries));
    else if (kind === 'jagged') out.jagged.set(name, concatJagged(chunks.map((c) => c.jagged.get(name)!), entries));
    else out.strings.set(name, chunks.flatMap((c) => c.strings.get(name)!));
  }
  return out;
}
