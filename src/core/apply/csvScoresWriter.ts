import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RawChunk } from '../expr/chunks';

/** A CSV field: quoted when it holds a comma, quote or line break. */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The scores of a CSV or Parquet input as a new CSV, one line per input line in order: the
 * input's columns as read (when asked), then the scores and `passed`. Written to a temporary
 * name and renamed when complete.
 */
export class CsvScoresWriter {
  private readonly fd: number;
  private readonly temporary: string;
  private closed = false;

  constructor(
    private readonly target: string,
    private readonly kept: string[],
    scoreColumns: string[],
  ) {
    this.temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = fs.openSync(this.temporary, 'w', 0o644);
    this.put(`${[...kept, ...scoreColumns].map(field).join(',')}\n`);
  }

  private put(text: string): void {
    fs.writeSync(this.fd, Buffer.from(text, 'utf8'));
  }

  /** Appends a chunk's lines: its kept columns (from the chunk's text columns), scores and passed flags. */
  append(chunk: RawChunk, scores: Float32Array[], passed: Uint8Array): void {
    const lines: string[] = new Array(chunk.entries);
    const kept = this.kept.map((name) => chunk.strings.get(name)!);
    for (let i = 0; i < chunk.entries; i++) {
      const cells = kept.map((column) => field(column[i]));
      for (const column of scores) cells.push(String(column[i]));
      cells.push(String(passed[i]));
      lines[i] = cells.join(',');
    }
    this.put(lines.join('\n') + '\n');
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.closed = true;
    fs.renameSync(this.temporary, this.target);
  }

  abort(): void {
    if (!this.closed) {
      this.closed = true;
      fs.closeSync(this.fd);
    }
    fs.rmSync(this.temporary, { force: true });
  }
}
