import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { ConfigFix } from '../verdicts/configFix';

/** One thing wrong with a config, located in its text. Lines and columns are 1-based. */
export interface Problem {
  /** JSON pointer of the offending value, e.g. `/data/features/2`. */
  pointer: string;
  message: string;
  offset: number;
  length: number;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** What kind of problem (a data warning's kind, a verdict's), for the editor's quick fixes. */
  code?: string;
  /** Changes of the config that resolve it (quick fixes). */
  fixes?: ConfigFix[];
}

/** Maps text offsets to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function pathToPointer(path: readonly (string | number)[]): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Builds problems located at JSON pointers of one parsed document. */
export class ProblemLocator {
  private readonly lines: LineIndex;

  constructor(
    private readonly text: string,
    private readonly root: JsonNode | undefined,
  ) {
    this.lines = new LineIndex(text);
  }

  /**
   * A problem at `pointer`. With `key`, the problem marks the property's key rather than its
   * value (used for unknown keys). Falls back to the nearest existing parent.
   */
  at(pointer: string, message: string, options: { key?: boolean; severity?: 'error' | 'warning' } = {}): Problem {
    const path = pointerToPath(pointer);
    let node: JsonNode | undefined;
    for (let depth = path.length; depth >= 0 && this.root; depth--) {
      node = findNodeAtLocation(this.root, path.slice(0, depth));
      if (node) break;
    }
    let offset = 0;
    let length = 1;
    if (node) {
      const target = options.key && node.parent?.type === 'property' ? node.parent.children?.[0] : node;
      offset = (target ?? node).offset;
      length = (target ?? node).length;
    }
    return this.atOffset(pointer, message, offset, length, options.severity);
  }

  /**
   * A problem inside the string at `pointer` (an expression), at a 0-based column of the string's
   * value; an object there (a feature {"name": ...}) is searched for its "name".
   */
  inString(pointer: string, column: number, length: number, message: string, severity: 'error' | 'warning' = 'error'): Problem {
    let node = this.root ? findNodeAtLocation(this.root, pointerToPath(pointer)) : undefined;
    if (node?.type === 'object') node = this.root ? findNodeAtLocation(this.root, [...pointerToPath(pointer), 'name']) : undefined;
    if (!node || node.type !== 'string') return this.at(pointer, message, { severity });
    const raw = this.text.slice(node.offset + 1, node.offset + node.length - 1);
    // Escapes make the text longer than the value: point at the whole string then.
    if (raw.includes('\\')) return this.atOffset(pointer, message, node.offset, node.length, severity);
    // A problem with the whole text (an unknown name written alone) marks the whole string.
    if (column === 0 && length >= raw.length) return this.atOffset(pointer, message, node.offset, node.length, severity);
    const start = Math.min(column, Math.max(0, raw.length - 1));
    return this.atOffset(pointer, message, node.offset + 1 + start, Math.max(1, Math.min(length, raw.length - start)), severity);
  }

  atOffset(pointer: string, message: string, offset: number, length: number, severity: 'error' | 'warning' = 'error'): Problem {
    const { line, column } = this.lines.position(offset);
    return { pointer, message, offset, length, line, column, severity };
  }
}

/** `path:line:col: message`, as compilers print it. */
export function formatProblem(file: string, problem: Problem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}
