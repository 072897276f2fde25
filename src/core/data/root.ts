import { UserError } from '../util/errors';
import { didYouMean } from '../util/didYouMean';
import { CHUNK_ENTRIES, emptyChunk, type BranchRequest, type ChunkSink, type RawChunk } from '../expr/chunks';
import { collectChunks, type RawColumns } from './rawColumns';
import { jsroot, openRootFile, type RootFile } from './rootFile';
import type { ColumnInfo, TableInfo } from './table';

/* eslint-disable @typescript-eslint/no-explicit-any -- jsroot's objects are untyped ROOT streamers. */
type RootTree = any;

function treeNames(rootFile: RootFile): string[] {
  return (rootFile.file.fKeys as any[]).filter((k) => k.fClassName === 'TTree' || k.fClassName === 'TNtuple').map((k) => k.fName as string);
}

async function readTree(rootFile: RootFile, name: string): Promise<RootTree> {
  const names = treeNames(rootFile);
  if (!names.includes(name)) {
    throw new UserError(`${rootFile.path}: no TTree "${name}"; the file has ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'no trees'}.`);
  }
  try {
    return await rootFile.file.readObject(name);
  } catch (error) {
    throw new UserError(`${rootFile.path}: cannot read TTree "${name}" (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
}

function branchInfo(branch: any): ColumnInfo {
  const leaf = branch.fLeaves?.arr?.[0];
  const type = String(leaf?._typename ?? branch._typename).replace(/^TLeaf/, '');
  const fixed = Number(leaf?.fLen ?? 1) > 1 && !leaf?.fLeafCount ? Number(leaf.fLen) : undefined;
  return { name: branch.fName, type, countBranch: leaf?.fLeafCount?.fName, ...(fixed ? { length: fixed } : {}) };
}

function allBranches(tree: RootTree): any[] {
  const out: any[] = [];
  const visit = (list: any[]) => {
    for (const branch of list) {
      out.push(branch);
      if (branch.fBranches?.arr?.length) visit(branch.fBranches.arr);
    }
  };
  visit(tree.fBranches.arr);
  return out;
}

/** Lists the trees of a ROOT file with their branches. */
export async function inspectRoot(file: string): Promise<TableInfo[]> {
  const rootFile = await openRootFile(file);
  try {
    const infos: TableInfo[] = [];
    for (const name of treeNames(rootFile)) {
      const tree = await readTree(rootFile, name);
      infos.push({ file, kind: 'root-tree', tree: name, entries: Number(tree.fEntries), columns: allBranches(tree).map(branchInfo) });
    }
    return infos;
  } finally {
    rootFile.close();
  }
}

/** One tree's branches (a source's columns), without reading the file's other trees. */
export async function rootTreeTable(file: string, treeName: string): Promise<TableInfo> {
  const rootFile = await openRootFile(file);
  try {
    const tree = await readTree(rootFile, treeName);
    return { file, kind: 'root-tree', tree: treeName, entries: Number(tree.fEntries), columns: allBranches(tree).map(branchInfo) };
  } finally {
    rootFile.close();
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** Collects one chunk of entries from jsroot's per-entry callbacks. */
class ChunkBuilder {
  private chunk!: RawChunk;
  private row = 0;
  private jaggedValues = new Map<string, number[]>();

  constructor(
    private readonly requests: BranchRequest[],
    private readonly where: string,
    private readonly sink: ChunkSink,
    private firstEntry: number,
  ) {
    this.reset();
  }

  private reset(): void {
    this.chunk = emptyChunk(CHUNK_ENTRIES, this.firstEntry);
    this.row = 0;
    for (const { name, kind } of this.requests) {
      if (kind === 'number') this.chunk.numbers.set(name, new Float64Array(CHUNK_ENTRIES));
      else if (kind === 'string') this.chunk.strings.set(name, []);
      else {
        this.chunk.jagged.set(name, { offsets: new Int32Array(CHUNK_ENTRIES + 1), values: new Float64Array(0) });
        this.jaggedValues.set(name, []);
      }
    }
  }

  /**
   * Takes a run of entries at once (jsroot's array reading, when every branch is flat and the
   * baskets line up): one array of values per request.
   */
  addArrays(arrays: ArrayLike<unknown>[], count: number): void {
    let done = 0;
    while (done < count) {
      const take = Math.min(count - done, CHUNK_ENTRIES - this.row);
      this.requests.forEach(({ name }, i) => {
        const target = this.chunk.numbers.get(name)!;
        const source = arrays[i];
        for (let k = 0; k < take; k++) target[this.row + k] = toNumber(source[done + k]);
      });
      this.row += take;
      done += take;
      if (this.row === CHUNK_ENTRIES) this.flush();
    }
  }

  /** Takes entry values in the order of the requests. */
  add(values: unknown[]): void {
    const row = this.row;
    this.requests.forEach(({ name, kind }, i) => {
      const value = values[i];
      if (kind === 'number') {
        if (typeof value === 'object' && value !== null) {
          throw new UserError(`${this.where}: branch "${name}" holds several values per event; pick one element, e.g. "${name}[0]", or reduce it, e.g. "Sum(${name})".`);
        }
        this.chunk.numbers.get(name)![row] = toNumber(value);
      } else if (kind === 'string') {
        this.chunk.strings.get(name)!.push(String(value));
      } else {
        const list = this.jaggedValues.get(name)!;
        const items = value as ArrayLike<unknown>;
        for (let k = 0; k < items.length; k++) list.push(toNumber(items[k]));
        this.chunk.jagged.get(name)!.offsets[row + 1] = list.length;
      }
    });
    if (++this.row === CHUNK_ENTRIES) this.flush();
  }

  flush(): void {
    if (this.row === 0) return;
    const chunk = this.chunk;
    chunk.entries = this.row;
    for (const [name, values] of chunk.numbers) chunk.numbers.set(name, values.subarray(0, this.row));
    for (const [name, column] of chunk.jagged) {
      chunk.jagged.set(name, { offsets: column.offsets.subarray(0, this.row + 1), values: Float64Array.from(this.jaggedValues.get(name)!) });
    }
    this.firstEntry += this.row;
    this.sink(chunk);
    this.reset();
  }
}

function checkRequests(where: string, tree: RootTree, requests: BranchRequest[]): Map<string, any> {
  const branches = allBranches(tree);
  const byName = new Map(branches.map((b) => [b.fName as string, b]));
  for (const request of requests) {
    const found = byName.get(request.name);
    if (!found) throw new UserError(`${where}: no branch "${request.name}" (${request.role}).${didYouMean(request.name, byName.keys())} hepml inspect lists the branches.`);
    const info = branchInfo(found);
    const several = info.countBranch !== undefined || info.length !== undefined;
    if (request.kind === 'number' && several) {
      throw new UserError(`${where}: branch "${request.name}" (${request.role}) holds several values per event; pick one element, e.g. "${request.name}[0]", or reduce it, e.g. "Sum(${request.name})".`);
    }
  }
  return byName;
}

/**
 * Reads the requested branches of a TTree in chunks of entries, through jsroot reading the file
 * by ranges (files of any size; the descriptor is closed afterwards). `firstEntry` numbers the
 * entries of a chain's later files. Returns the entries read.
 */
export async function streamRoot(file: string, treeName: string, requests: BranchRequest[], sink: ChunkSink, firstEntry = 0): Promise<number> {
  const rootFile = await openRootFile(file);
  try {
    const tree = await readTree(rootFile, treeName);
    const where = `${file} (tree "${treeName}")`;
    const byName = checkRequests(where, tree, requests);
    // jsroot reads a jagged branch's count branch itself and refuses it listed after: counts first.
    const counts = new Set(requests.map((r) => branchInfo(byName.get(r.name)).countBranch).filter((c): c is string => c !== undefined));
    const order = [...new Set(requests.map((r) => r.name))].sort((a, b) => Number(counts.has(b)) - Number(counts.has(a)));
    const slot = new Map(order.map((name, i) => [name, `b${i}`]));
    const entries = Number(tree.fEntries);
    const builder = new ChunkBuilder(requests, where, sink, firstEntry);
    const [, treeModule] = await jsroot();
    const selector = new treeModule.TSelector();
    order.forEach((name) => selector.addBranch(name, slot.get(name)));
    const slots = requests.map((r) => slot.get(r.name)!);
    const values = new Array<unknown>(slots.length);
    let read = 0;
    selector.Process = function process(this: { tgtobj: Record<string, unknown> }) {
      for (let i = 0; i < slots.length; i++) values[i] = this.tgtobj[slots[i]];
      builder.add(values);
      read++;
    };
    // Flat branches whose baskets line up are handed over a basket's entries at a time.
    if (requests.every((r) => r.kind === 'number')) {
      selector.ProcessArrays = function processArrays(this: { tgtarr: Record<string, ArrayLike<unknown>> }) {
        const arrays = slots.map((s) => this.tgtarr[s]);
        builder.addArrays(arrays, arrays[0]?.length ?? 0);
        read += arrays[0]?.length ?? 0;
      };
    }
    if (entries > 0) {
      try {
        await treeModule.treeProcess(tree, selector);
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`${where}: cannot read (${(error as Error).message}); the file may be truncated or corrupt.`);
      }
    }
    builder.flush();
    if (read !== entries) throw new UserError(`${where}: the tree declares ${entries} entries but only ${read} could be read; the file may be truncated.`);
    return entries;
  } finally {
    rootFile.close();
  }
}

/** Reads the requested branches of a TTree whole (small files, tests and tools). */
export async function readRoot(file: string, treeName: string, requests: BranchRequest[]): Promise<RawColumns> {
  return collectChunks(requests, (sink) => streamRoot(file, treeName, requests, sink));
}
