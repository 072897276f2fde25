import { ByteWriter, tstring } from './byteWriter';

// TKey headers (ROOT's TKey::Streamer): every record of a file starts with one.

/** Past this many bytes ROOT writes 64-bit seek pointers (TFile::kStartBigFile). */
export const BIG_FILE = 2_000_000_000;
/** Where the top directory's record starts (fBEGIN). */
export const BEGIN = 100;

export interface KeyFields {
  nbytes: number;
  objlen: number;
  keylen: number;
  cycle: number;
  seekKey: number;
  seekPdir: number;
  className: string;
  name: string;
  title: string;
  /** 64-bit seeks (key version 1004). */
  wide: boolean;
  datime: number;
  /** Bytes that belong to the key header (a TBasket's own fields). */
  extra?: Uint8Array;
}

/** A key header's length: fixed part, three strings, and any extra header bytes. */
export function keyLength(className: string, name: string, title: string, wide: boolean, extra = 0): number {
  return (wide ? 34 : 26) + tstring(className).length + tstring(name).length + tstring(title).length + extra;
}

export function keyHeader(key: KeyFields): Buffer {
  const out = new ByteWriter();
  out.i32(key.nbytes).i16(key.wide ? 1004 : 4).i32(key.objlen).u32(key.datime).i16(key.keylen).i16(key.cycle);
  if (key.wide) out.i64(key.seekKey).i64(key.seekPdir);
  else out.i32(key.seekKey).i32(key.seekPdir);
  out.string(key.className).string(key.name).string(key.title);
  if (key.extra) out.bytes(key.extra);
  const header = out.toBuffer();
  if (header.length !== key.keylen) throw new Error(`key header of ${key.className} "${key.name}" is ${header.length} bytes, not ${key.keylen}`);
  return header;
}

/** ROOT's TDatime: (year-1995)<<26 | month<<22 | day<<17 | hour<<12 | minute<<6 | second. */
export function rootDatime(date: Date): number {
  return (((date.getFullYear() - 1995) << 26) | ((date.getMonth() + 1) << 22) | (date.getDate() << 17) | (date.getHours() << 12) | (date.getMinutes() << 6) | date.getSeconds()) >>> 0;
}
