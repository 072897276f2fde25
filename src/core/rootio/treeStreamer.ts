import { ByteWriter } from './byteWriter';

// The TTree object as ROOT 6.22 streams it (TTree v20, TBranch v13, TLeaf v2, TLeafX v1,
// TObjArray v3), for flat branches of one leaf each. Object and class tags are absolute
// offsets: payload offset + the key's header length + 2 (kMapOffset).

const BYTE_COUNT = 0x40000000;
const CLASS_MASK = 0x80000000;
const NEW_CLASS = 0xffffffff;
const MAP_OFFSET = 2;
/** ROOT::TIOFeatures: byte count, version 0, checksum, no bits. */
const IO_FEATURES = Buffer.from('400000070000' + '1aa12f10' + '00', 'hex');
const DEFAULT_BASKET_SIZE = 32000;

/** A leaf type: ROOT's letter in a branch title, its TLeaf class, bytes per value, unsigned flag. */
export interface LeafType {
  letter: 'F' | 'D' | 'I' | 'L' | 'O' | 'b';
  leafClass: string;
  size: number;
  unsigned: boolean;
}

export const LEAF_TYPES: Record<LeafType['letter'], LeafType> = {
  F: { letter: 'F', leafClass: 'TLeafF', size: 4, unsigned: false },
  D: { letter: 'D', leafClass: 'TLeafD', size: 8, unsigned: false },
  I: { letter: 'I', leafClass: 'TLeafI', size: 4, unsigned: false },
  L: { letter: 'L', leafClass: 'TLeafL', size: 8, unsigned: false },
  O: { letter: 'O', leafClass: 'TLeafO', size: 1, unsigned: false },
  b: { letter: 'b', leafClass: 'TLeafB', size: 1, unsigned: true },
};

/** One basket of a branch as written: where it is and what it holds. */
export interface BasketRecord {
  seek: number;
  /** Bytes on disk (key + stored data). */
  nbytes: number;
  /** Key header + raw data (fLast). */
  last: number;
  entries: number;
}

export interface BranchRecord {
  name: string;
  type: LeafType;
  baskets: BasketRecord[];
  /** The largest raw basket payload. */
  largest: number;
}

/** Serialises objects with ROOT's byte counts, class tags and object references. */
class ObjectWriter {
  readonly out = new ByteWriter();
  private readonly classes = new Map<string, number>();

  constructor(private readonly keylen: number) {}

  /** A byte count and version; returns where to patch the count. */
  begin(version: number): number {
    const at = this.out.position;
    this.out.u32(0).i16(version);
    return at;
  }

  end(at: number): void {
    this.out.patchU32(at, (this.out.position - at - 4) | BYTE_COUNT);
  }

  tobject(bits: number): void {
    this.out.i16(1).u32(0).u32(bits);
  }

  tnamed(name: string, title: string, bits: number): void {
    const at = this.begin(1);
    this.tobject(bits);
    this.out.string(name).string(title);
    this.end(at);
  }

  /** A pointer to a new object (WriteObjectAny): byte count, class tag (new or a reference), the object. Returns its tag. */
  objectAny(className: string, body: () => void): number {
    const start = this.out.position;
    this.out.u32(0);
    const known = this.classes.get(className);
    if (known !== undefined) this.out.u32(known | CLASS_MASK);
    else {
      this.classes.set(className, this.out.position + this.keylen + MAP_OFFSET);
      this.out.u32(NEW_CLASS).bytes(Buffer.from(`${className}\0`, 'latin1'));
    }
    body();
    this.out.patchU32(start, (this.out.position - start - 4) | BYTE_COUNT);
    return start + this.keylen + MAP_OFFSET;
  }

  /** A TObjArray member, streamed in place. */
  objArray(bits: number, items: (() => void)[]): void {
    const at = this.begin(3);
    this.tobject(bits);
    this.out.string('').i32(items.length).i32(0);
    for (const item of items) item();
    this.end(at);
  }
}

function leaf(writer: ObjectWriter, branch: BranchRecord): number {
  const { type } = branch;
  return writer.objectAny(type.leafClass, () => {
    const leafX = writer.begin(1);
    const base = writer.begin(2);
    writer.tnamed(branch.name, branch.name, 0x03000000);
    writer.out.i32(1).i32(type.size).i32(0).u8(0).u8(type.unsigned ? 1 : 0).u32(0);
    writer.end(base);
    // fMinimum and fMaximum, in the leaf's type: zero, as ROOT leaves them for flat leaves.
    for (let i = 0; i < 2; i++) {
      if (type.size === 8) writer.out.i64(0);
      else if (type.size === 4) writer.out.i32(0);
      else writer.out.u8(0);
    }
    writer.end(leafX);
  });
}

function branchObject(writer: ObjectWriter, branch: BranchRecord, entries: number, compress: number, leafTags: number[]): void {
  writer.objectAny('TBranch', () => {
    const baskets = branch.baskets;
    const nb = baskets.length;
    const maxBaskets = Math.max(10, nb + 1);
    const totBytes = baskets.reduce((s, b) => s + b.last, 0);
    const zipBytes = baskets.reduce((s, b) => s + b.nbytes, 0);
    const at = writer.begin(13);
    writer.tnamed(branch.name, `${branch.name}/${branch.type.letter}`, 0x03400000);
    const fill = writer.begin(2);
    writer.out.i16(0).i16(1001);
    writer.end(fill);
    writer.out.i32(compress).i32(Math.max(DEFAULT_BASKET_SIZE, branch.largest)).i32(0).i32(nb).i64(entries);
    writer.out.bytes(IO_FEATURES);
    writer.out.i32(0).i32(maxBaskets).i32(0).i64(entries).i64(0).i64(totBytes).i64(zipBytes);
    writer.objArray(0x03000000, []);
    writer.objArray(0x03000000, [() => leafTags.push(leaf(writer, branch))]);
    writer.objArray(0x03000000, Array.from({ length: nb + 1 }, () => () => writer.out.u32(0)));
    writer.out.u8(1);
    for (let i = 0; i < maxBaskets; i++) writer.out.i32(baskets[i]?.nbytes ?? 0);
    writer.out.u8(1);
    let first = 0;
    for (let i = 0; i < maxBaskets; i++) {
      writer.out.i64(i <= nb ? first : 0);
      if (i < nb) first += baskets[i].entries;
    }
    writer.out.u8(1);
    for (let i = 0; i < maxBaskets; i++) writer.out.i64(baskets[i]?.seek ?? 0);
    writer.out.string('');
    writer.end(at);
  });
}

/** The TTree object's bytes, for a key whose header is `keylen` bytes long. */
export function serializeTree(keylen: number, name: string, title: string, branches: BranchRecord[], entries: number, compress: number): Buffer {
  const writer = new ObjectWriter(keylen);
  const { out } = writer;
  const totBytes = branches.reduce((s, br) => s + br.baskets.reduce((t, b) => t + b.last, 0), 0);
  const zipBytes = branches.reduce((s, br) => s + br.baskets.reduce((t, b) => t + b.nbytes, 0), 0);
  const top = writer.begin(20);
  writer.tnamed(name, title, 0x03000008);
  const line = writer.begin(2);
  out.i16(602).i16(1).i16(1);
  writer.end(line);
  const fill = writer.begin(2);
  out.i16(0).i16(1001);
  writer.end(fill);
  const marker = writer.begin(2);
  out.i16(1).i16(1).f32(1);
  writer.end(marker);
  out.i64(entries).i64(totBytes).i64(zipBytes).i64(zipBytes).i64(0).f64(1);
  out.i32(0).i32(25).i32(0).i32(1000).i32(0);
  out.i64(1_000_000_000_000).i64(1_000_000_000_000).i64(0).i64(-300_000_000).i64(-30_000_000).i64(1_000_000);
  out.u8(0).u8(0);
  out.bytes(IO_FEATURES);
  const leafTags: number[] = [];
  writer.objArray(0x03004000, branches.map((branch) => () => branchObject(writer, branch, entries, compress, leafTags)));
  writer.objArray(0x03000000, leafTags.map((tag) => () => out.u32(tag)));
  // fAliases, fIndexValues (empty), fIndex (empty), fTreeIndex, fFriends, fUserInfo, fBranchRef.
  out.u32(0).i32(0).i32(0).u32(0).u32(0).u32(0).u32(0);
  writer.end(top);
  return out.toBuffer();
}
