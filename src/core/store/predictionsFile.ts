import type { EventTable } from '../data/dataset';
import { writeStreamAtomic } from './atomic';

/** The file a run keeps its test events' predictions in. */
export const PREDICTIONS_FILE = 'predictions.csv';

const LINES_PER_WRITE = 16384;

/** A CSV field: quoted when it holds a comma, quote or line break. */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes the scored events of a run as CSV: source index, process, entry, class, weight and one
 * probability per class, so that results can be compared with another tool on the same events.
 * `probabilities` holds one value per event for two classes (the signal's), else one per class.
 */
export async function writePredictions(file: string, table: EventTable, rows: Int32Array, probabilities: Float32Array): Promise<void> {
  const classes = table.classes;
  const perEvent = classes.length > 2 ? classes.length : 1;
  const processes = table.samples.map((s) => field(s.process));
  const names = classes.map(field);
  await writeStreamAtomic(file, (put) => {
    put(`source,process,entry,class,weight,${classes.map((c) => field(`score_${c}`)).join(',')}\n`);
    let lines: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const source = table.sources[row];
      const scores = perEvent === 1 ? [probabilities[i], 1 - probabilities[i]] : Array.from(probabilities.subarray(i * perEvent, (i + 1) * perEvent));
      lines.push(`${source},${processes[source] ?? ''},${table.entries[row]},${names[table.labels[row]]},${table.weights[row]},${scores.join(',')}`);
      if (lines.length === LINES_PER_WRITE) {
        put(lines.join('\n') + '\n');
        lines = [];
      }
    }
    if (lines.length > 0) put(lines.join('\n') + '\n');
  });
}
