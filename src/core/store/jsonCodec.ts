// JSON that keeps every number: NaN, +-Infinity and -0 (which JSON.stringify turns into null
// or 0) are written as {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"} and read back.

const SPECIAL = '$number';

function encodeNumber(value: number): unknown {
  if (Number.isNaN(value)) return { [SPECIAL]: 'NaN' };
  if (value === Infinity) return { [SPECIAL]: 'Infinity' };
  if (value === -Infinity) return { [SPECIAL]: '-Infinity' };
  if (Object.is(value, -0)) return { [SPECIAL]: '-0' };
  return value;
}

function encode(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (Array.isArray(value)) return value.map(encode);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, encodeNumber);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = encode(entry);
    return out;
  }
  return value;
}

const DECODED: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(encode(value), null, indent);
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const tag = (value as Record<string, unknown>)[SPECIAL];
      if (keys.length === 1 && typeof tag === 'string' && tag in DECODED) return DECODED[tag];
    }
    return value;
  }) as T;
}
