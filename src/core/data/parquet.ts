import * as fs from 'node:fs';
import { UserError } from '../util/errors';
import { didYouMean } from '../util/didYouMean';
import { importEsm } from '../util/esm';
import { emptyChunk, type BranchRequest, type ChunkSink } from '../expr/chunks';
import { collectChunks, type RawColumns } from './rawColumns';
import type { ColumnInfo, TableInfo } from './table';

// Parquet through hyparquet, one row group at a time (the file is read by ranges).

/* eslint-disable @typescript-eslint/no-explicit-any -- hyparquet's schema and decoded arrays are loosely typed. */
type Hyparquet = any;
let modules: Promise<[Hyparquet, any]> | undefined;

function hyparquet(): Promise<[Hyparquet, any]> {
  modules ??= Promise.all([importEsm<Hyparquet>('hyparquet', 'hyparquet'), importEsm<any>('hyparquet-compressors', 'hyparquet').then((m) => m.compressors)]);
  return modules;
}

interface OpenParquet {
  buffer: { byteLength: number; slice(start: number, end?: number): ArrayBuffer };
  metadata: any;
  close(): void;
}

async function openParquet(file: string): Promise<OpenParquet> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new UserError(`${file}: cannot read the file.`);
  }
  const size = fs.fstatSync(fd).size;
  const buffer = {
    byteLength: size,
    slice(start: number, end = size): ArrayBuffer {
      const bytes = new Uint8Array(Math.max(0, end - start));
      fs.readSync(fd, bytes, 0, bytes.length, start);
      return bytes.buffer;
    },
  };
  const [lib] = await hyparquet();
  try {
    const metadata = await lib.parquetMetadataAsync(buffer);
    return { buffer, metadata, close: () => fs.closeSync(fd) };
  } catch (error) {
    fs.closeSync(fd);
    throw new UserError(`${file}: cannot read as a Parquet file (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
}

/** A top-level column: its shape from the schema (a LIST or repeated field is jagged). */
function columnInfo(node: any): ColumnInfo {
  const element = node.element;
  const isList = element.converted_type === 'LIST' || element.logical_type?.type === 'LIST' || element.repetition_type === 'REPEATED';
  let leaf = node;
  while (leaf.children?.length) leaf = leaf.children[0];
  const type = String(leaf.element.type ?? 'GROUP');
  const text = type === 'BYTE_ARRAY' || type === 'FIXED_LEN_BYTE_ARRAY';
  return { name: element.name, type: text ? 'string' : type, ...(isList ? { countBranch: '(list)' } : {}) };
}

/** The columns of a Parquet file and its row count. */
export async function parquetTable(file: string): Promise<TableInfo> {
  const parquet = await openParquet(file);
  try {
    const [lib] = await hyparquet();
    const schema = lib.parquetSchema(parquet.metadata);
    return { file, kind: 'parquet', entries: Number(parquet.metadata.num_rows), columns: schema.children.map(columnInfo) };
  } finally {
    parquet.close();
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** Streams the requested columns, one row group per chunk. */
export async function streamParquet(file: string, requests: BranchRequest[], sink: ChunkSink): Promise<number> {
  const parquet = await openParquet(file);
  try {
    const [lib, compressors] = await hyparquet();
    const names = (lib.parquetSchema(parquet.metadata).children as any[]).map((c) => c.element.name as string);
    for (const request of requests) {
      if (!names.includes(request.name)) throw new UserError(`${file}: no column "${request.name}" (${request.role}).${didYouMean(request.name, names)}`);
    }
    const columns = [...new Set(requests.map((r) => r.name))];
    let entries = 0;
    for (const group of parquet.metadata.row_groups as any[]) {
      const rows = Number(group.num_rows);
      if (rows === 0) continue;
      let data: any[][];
      try {
        data = await lib.parquetReadObjects({ file: parquet.buffer, metadata: parquet.metadata, columns, rowStart: entries, rowEnd: entries + rows, rowFormat: 'array', compressors });
      } catch (error) {
        throw new UserError(`${file}: cannot read rows ${entries} to ${entries + rows} (${(error as Error).message}); the file may be truncated or corrupt.`);
      }
      const chunk = emptyChunk(rows, entries);
      requests.forEach((request) => {
        const c = columns.indexOf(request.name);
        if (request.kind === 'string') chunk.strings.set(request.name, data.map((row) => String(row[c])));
        else if (request.kind === 'number') {
          const values = new Float64Array(rows);
          for (let r = 0; r < rows; r++) {
            const value = data[r][c];
            if (Array.isArray(value)) throw new UserError(`${file}: column "${request.name}" (${request.role}) holds lists; pick an element, e.g. "${request.name}[0]", or reduce it, e.g. "Sum(${request.name})".`);
            values[r] = value === null || value === undefined ? NaN : toNumber(value);
          }
          chunk.numbers.set(request.name, values);
        } else {
          const offsets = new Int32Array(rows + 1);
          const values: number[] = [];
          for (let r = 0; r < rows; r++) {
            for (const item of (data[r][c] as unknown[] | null) ?? []) values.push(toNumber(item));
            offsets[r + 1] = values.length;
          }
          chunk.jagged.set(request.name, { offsets, values: Float64Array.from(values) });
        }
      });
      sink(chunk);
      entries += rows;
    }
    return entries;
  } finally {
    parquet.close();
  }
}

/** Reads the requested columns of a Parquet file whole (small files, tests and tools). */
export async function readParquet(file: string, requests: BranchRequest[]): Promise<RawColumns> {
  return collectChunks(requests, (sink) => streamParquet(file, requests, sink));
}
