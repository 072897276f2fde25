import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../util/errors';
import { PACKAGED } from '../util/packaged';
import { parseElement, type ColumnInfo, type ColumnRequest, type RawColumns, type TableInfo } from './table';

/* eslint-disable @typescript-eslint/no-explicit-any -- jsroot's objects are untyped ROOT streamers. */
// jsroot is ESM-only; a real dynamic import keeps it out of the CommonJS bundle.
type JsrootIo = any;
type JsrootTree = any;
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
let modules: Promise<[JsrootIo, JsrootTree]> | undefined;
function jsroot(): Promise<[JsrootIo, JsrootTree]> {
  // The packaged extension ships jsroot's io and tree as one ES module beside the bundles.
  modules ??= PACKAGED
    ? importModule<{ io: JsrootIo; tree: JsrootTree }>(pathToFileURL(path.join(__dirname, 'jsroot.mjs')).href).then((m) => [m.io, m.tree] as [JsrootIo, JsrootTree])
    : Promise.all([importModule<JsrootIo>('jsroot/io'), importModule<JsrootTree>('jsroot/tree')]);
  return modules;
}

type RootFile = any;
type RootTree = any;

const ROOT_MAGIC = 'root';

/** Opens a ROOT file from memory, so that no file descriptor is left open (jsroot leaks them). */
async function openRootFile(file: string): Promise<RootFile> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError(`${file}: cannot read the file.`);
  }
  if (bytes.length < 4 || bytes.subarray(0, 4).toString('latin1') !== ROOT_MAGIC) {
    throw new UserError(`${file}: not a ROOT file (it does not start with the ROOT signature); is it a CSV with a .root name?`);
  }
  const [io] = await jsroot();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  try {
    return await io.openFile(buffer);
  } catch (error) {
    throw new UserError(`${file}: cannot open as ROOT file (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
}

function treeNames(rootFile: RootFile): string[] {
  return (rootFile.fKeys as any[]).filter((k) => k.fClassName === 'TTree' || k.fClassName === 'TNtuple').map((k) => k.fName as string);
}

async function readTree(file: string, rootFile: RootFile, name: string): Promise<RootTree> {
  const names = treeNames(rootFile);
  if (!names.includes(name)) {
    throw new UserError(`${file}: no TTree "${name}"; the file has ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'no trees'}.`);
  }
  try {
    return await rootFile.readObject(name);
  } catch (error) {
    throw new UserError(`${file}: cannot read TTree "${name}" (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
}

function branchInfo(branch: any): ColumnInfo {
  const leaf = branch.fLeaves?.arr?.[0];
  const type = String(leaf?._typename ?? branch._typename).replace(/^TLeaf/, '');
  return { name: branch.fName, type, countBranch: leaf?.fLeafCount?.fName };
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
  const infos: TableInfo[] = [];
  for (const name of treeNames(rootFile)) {
    const tree = await readTree(file, rootFile, name);
    infos.push({ file, kind: 'root-tree', tree: name, entries: Number(tree.fEntries), columns: allBranches(tree).map(branchInfo) });
  }
  return infos;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** Reads the requested branches (or elements of jagged branches) of one TTree. */
export async function readRoot(file: string, treeName: string, requests: ColumnRequest[]): Promise<RawColumns> {
  const rootFile = await openRootFile(file);
  const tree = await readTree(file, rootFile, treeName);
  const byName = new Map(allBranches(tree).map((b) => [b.fName as string, b]));
  const countBranches = new Set<string>();
  const branches: string[] = [];
  for (const request of requests) {
    const { branch } = parseElement(request.name);
    const found = byName.get(branch);
    if (!found) {
      throw new UserError(`${file}: TTree "${treeName}" has no branch "${branch}" (${request.role}); hepml inspect ${file} lists the branches.`);
    }
    const count = branchInfo(found).countBranch;
    if (count) countBranches.add(count);
    if (!branches.includes(branch)) branches.push(branch);
  }
  // jsroot reads a jagged branch's count branch itself and refuses it listed after; read counts first.
  branches.sort((a, b) => Number(countBranches.has(b)) - Number(countBranches.has(a)));

  const entries = Number(tree.fEntries);
  const perBranch = new Map<string, unknown[]>(branches.map((b) => [b, new Array(entries)]));
  const [, treeModule] = await jsroot();
  const selector = new treeModule.TSelector();
  branches.forEach((branch, i) => selector.addBranch(branch, `b${i}`));
  let entry = 0;
  selector.Process = function process(this: { tgtobj: Record<string, unknown> }) {
    branches.forEach((branch, i) => {
      const value = this.tgtobj[`b${i}`];
      perBranch.get(branch)![entry] = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
    });
    entry++;
  };
  try {
    await treeModule.treeProcess(tree, selector);
  } catch (error) {
    throw new UserError(`${file}: cannot read TTree "${treeName}" (${(error as Error).message}); the file may be truncated or corrupt.`);
  }
  if (entry !== entries) {
    throw new UserError(`${file}: TTree "${treeName}" declares ${entries} entries but only ${entry} could be read; the file may be truncated.`);
  }

  const columns: RawColumns = { entries, numbers: new Map(), strings: new Map() };
  for (const request of requests) {
    const { branch, index } = parseElement(request.name);
    const raw = perBranch.get(branch)!;
    if (request.kind === 'string') {
      columns.strings.set(request.name, raw.map((v) => String(v)));
      continue;
    }
    const values = new Float64Array(entries);
    for (let e = 0; e < entries; e++) {
      const cell = raw[e];
      let value: number;
      if (index !== undefined) {
        if (!Array.isArray(cell)) throw new UserError(`${file}: branch "${branch}" of "${treeName}" is not jagged; write "${branch}" without [${index}].`);
        value = index < cell.length ? toNumber(cell[index]) : (request.fill ?? 0);
      } else {
        if (Array.isArray(cell)) throw new UserError(`${file}: branch "${branch}" of "${treeName}" holds several values per event; pick one element, e.g. "${branch}[0]".`);
        value = toNumber(cell);
      }
      if (!Number.isFinite(value)) {
        throw new UserError(`${file}: entry ${e} of branch "${request.name}" in "${treeName}" is ${String(cell)}, not a finite number; ${request.role}s must be finite.`);
      }
      values[e] = value;
    }
    columns.numbers.set(request.name, values);
  }
  return columns;
}
