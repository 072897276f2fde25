import type { EventTable } from '../data/dataset';
import { writeStreamAtomic } from './atomic';

const LINES_PER_WRITE = 16384;

/** A CSV field: quoted when it holds a comma, quote or line break. */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Scored events of one set: their table rows and outputs (one per event for two classes, else one per class). */
export interface ScoredSet {
  set: 'test' | 'train';
  rows: Int32Array;
  probabilities: Float32Array;
}

/**
 * Writes the scored events of a run as CSV: source index, process, entry, set, class, weight and
 * one probability per class, so that results can be compared with another tool on the same
 * events; with folds, also each event's fold (the model that scored it, which never saw it).
 */
export async function writePredictions(file: string, table: EventTable, sets: ScoredSet[], foldOf?: Int32Array): Promise<void> {
  const classes = table.classes;
  const perEvent = classes.length > 2 ? classes.length : 1;
  const processes = table.samples.map((s) => field(s.process));
  const names = classes.map(field);
  await writeStreamAtomic(file, (put) => {
    put(`source,process,entry,set,class,weight,${classes.map((c) => field(`score_${c}`)).join(',')}${foldOf ? ',fold' : ''}\n`);
    let lines: string[] = [];
    for (const { set, rows, probabilities } of sets) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const source = table.sources[row];
        const scores = perEvent === 1 ? [probabilities[i], 1 - probabilities[i]] : Array.from(probabilities.subarray(i * perEvent, (i + 1) * perEvent));
        lines.push(`${source},${processes[source] ?? ''},${table.entries[row]},${set},${names[table.labels[row]]},${table.weights[row]},${scores.join(',')}${foldOf ? `,${foldOf[row]}` : ''}`);
        if (lines.length === LINES_PER_WRITE) {
          put(lines.join('\n') + '\n');
          lines = [];
        }
      }
    }
    if (lines.length > 0) put(lines.join('\n') + '\n');
  });
}
