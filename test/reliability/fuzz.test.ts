// Seeded fuzzing: mutated CSV files and configs end in a result or one clear UserError, never
// another exception, and in bounded time.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readCsv } from '../../src/core/data/csv';
import type { BranchRequest } from '../../src/core/expr/chunks';
import { parseConfig } from '../../src/core/config/parse';
import { UserError } from '../../src/core/util/errors';
import { createRng, type Rng } from '../../src/core/util/random';
import { tempDir } from '../helpers/paths';
import { separableCsv } from '../helpers/synthetic';

const ITERATIONS = Number(process.env.HEPML_FUZZ_ITERATIONS ?? 5000);
const ALPHABET = [',', ';', '\t', ' ', '"', '\n', '\r', '-', '.', 'e', 'E', '1', '9', 'x', 'nan', 'inf', '\0', '\u00ff', '""', '\ufeff'];

function mutate(text: string, rng: Rng): string {
  let out = text;
  const edits = 1 + Math.floor(rng() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rng() * (out.length + 1));
    const kind = rng();
    if (kind < 0.4) out = out.slice(0, at) + ALPHABET[Math.floor(rng() * ALPHABET.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rng() * 20));
    else if (kind < 0.85) out = out.slice(0, at) + out.slice(Math.floor(rng() * out.length), Math.floor(rng() * out.length)) + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

describe(`fuzzing (${ITERATIONS} inputs each, seeded)`, () => {
  it('the CSV reader returns columns or throws one UserError line', async () => {
    const rng = createRng('fuzz-csv');
    const dir = tempDir();
    const base = separableCsv(30);
    const requests: BranchRequest[] = [
      { name: 'x1', role: 'feature', kind: 'number' },
      { name: 'noise', role: 'feature', kind: 'number' },
      { name: 'label', role: 'label', kind: 'string' },
    ];
    let accepted = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const text = mutate(base, rng);
      const file = path.join(dir, `f${i}.csv`);
      fs.writeFileSync(file, text);
      const started = performance.now();
      try {
        const columns = await readCsv(file, requests);
        assert.ok(columns.entries > 0);
        for (const values of columns.numbers.values()) assert.ok(values.every(Number.isFinite), `case ${i}: finite numbers only`);
        accepted++;
      } catch (error) {
        if (!(error instanceof UserError)) {
          fs.writeFileSync(path.join(dir, 'crash.csv'), text);
          throw new Error(`case ${i} crashed the reader (${(error as Error).stack}); input kept in ${dir}/crash.csv`);
        }
        assert.ok(!error.message.includes('\n'), `case ${i}: one line`);
        assert.ok(error.message.includes(file), `case ${i}: names the file`);
      }
      assert.ok(performance.now() - started < 2000, `case ${i} took too long`);
    }
    assert.ok(accepted > 0 && accepted < ITERATIONS, `a mix of accepted (${accepted}) and refused inputs`);
  });

  it('the config validator returns problems with positions, never throws', () => {
    const rng = createRng('fuzz-config');
    const base = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'higgs', 'bayes.hepml.json'), 'utf8');
    let valid = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const text = mutate(base, rng);
      const started = performance.now();
      const parsed = parseConfig(text);
      for (const problem of parsed.problems) {
        assert.ok(problem.line >= 1 && problem.column >= 1 && problem.message.length > 0, `case ${i}: located problem`);
        assert.ok(problem.offset >= 0 && problem.offset <= text.length, `case ${i}: offset inside the text`);
      }
      if (parsed.config) valid++;
      assert.ok(performance.now() - started < 1000, `case ${i} took too long`);
    }
    assert.ok(valid < ITERATIONS, 'most mutations are caught');
  });
});
