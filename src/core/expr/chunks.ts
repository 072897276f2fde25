// Readers hand events over in chunks of a few ten thousand entries, so that memory is bounded
// by the columns kept, never by the file.

/** A branch holding a variable number of values per entry (ROOT's `Jet_pt[nJet]`, an RVec). */
export interface JaggedColumn {
  /** Entry e holds values[offsets[e] .. offsets[e + 1]). */
  offsets: Int32Array;
  values: Float64Array;
}

/** Consecutive entries of one source, in its file order. */
export interface RawChunk {
  entries: number;
  /** Entry number (within its source; a chain counts on across files) of the chunk's first entry. */
  firstEntry: number;
  numbers: Map<string, Float64Array>;
  jagged: Map<string, JaggedColumn>;
  strings: Map<string, string[]>;
}

/** A branch or column to read, and why (for error messages). */
export interface BranchRequest {
  name: string;
  kind: 'number' | 'jagged' | 'string';
  /** What the value is used for, e.g. `feature "met"` or `selection`. */
  role: string;
}

/** Called for each chunk in order; may throw to stop the reading. */
export type ChunkSink = (chunk: RawChunk) => void;

/** Entries per chunk: large enough for tight loops, small enough for the cache and for memory. */
export const CHUNK_ENTRIES = 65536;

export function emptyChunk(entries: number, firstEntry: number): RawChunk {
  return { entries, firstEntry, numbers: new Map(), jagged: new Map(), strings: new Map() };
}
