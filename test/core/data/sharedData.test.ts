// Every file in ../shared/data reads: each tree's flat branches and the first element of its jagged ones.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readCsv } from '../../../src/core/data/csv';
import { inspectFile } from '../../../src/core/data/inspect';
import { readRoot } from '../../../src/core/data/root';
import type { ColumnRequest } from '../../../src/core/data/table';
import { hasSharedData, SHARED_DATA } from '../../helpers/paths';

const NUMERIC_LEAVES = new Set(['F', 'D', 'I', 'i', 'L', 'l', 'S', 's', 'B', 'b', 'O']);

function dataFiles(): string[] {
  if (!hasSharedData) return [];
  return fs.readdirSync(SHARED_DATA, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(root|csv)$/.test(f))
    .map((f) => path.join(SHARED_DATA, f))
    .sort();
}

/**
 * Reads the branches, dropping those that hold NaN in this real data (NanoAOD's HTXS_* for a
 * ttbar sample); the reader must name each such branch, which this checks too.
 */
async function readFiniteBranches(file: string, tree: string, requests: ColumnRequest[]) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return { columns: await readRoot(file, tree, requests), requests };
    } catch (error) {
      const match = /branch "([^"]+)" in "[^"]+" is NaN, not a finite number/.exec((error as Error).message);
      if (!match) throw error;
      requests = requests.filter((r) => r.name !== match[1]);
    }
  }
  throw new Error('too many NaN branches');
}

describe('every file in ../shared/data', { skip: !hasSharedData }, () => {
  for (const file of dataFiles()) {
    it(`reads ${path.relative(SHARED_DATA, file)}`, async () => {
      const tables = await inspectFile(file);
      assert.ok(tables.length > 0);
      for (const table of tables) {
        assert.ok(table.entries > 0 && table.columns.length > 0);
        if (table.kind === 'csv') {
          const requests: ColumnRequest[] = table.columns.map((c) => ({ name: c.name, role: 'feature', kind: c.type === 'number' ? 'number' : 'string' }));
          const columns = readCsv(file, requests);
          assert.equal(columns.entries, table.entries);
          continue;
        }
        const counts = new Set(table.columns.map((c) => c.countBranch).filter(Boolean));
        const requests: ColumnRequest[] = table.columns
          .filter((c) => NUMERIC_LEAVES.has(c.type) && !counts.has(c.name) && !c.name.includes('.'))
          .map((c) => ({ name: c.countBranch ? `${c.name}[0]` : c.name, role: 'feature', kind: 'number', fill: -1 }));
        assert.ok(requests.length > 0, `${table.tree} has numeric branches`);
        const { columns, requests: read } = await readFiniteBranches(file, table.tree!, requests);
        assert.equal(columns.entries, table.entries);
        assert.ok(read.length >= requests.length - 10, 'few branches hold NaN');
        for (const request of read) {
          const values = columns.numbers.get(request.name)!;
          assert.equal(values.length, table.entries);
          assert.ok(values.every(Number.isFinite), `${request.name} finite`);
        }
      }
    });
  }
});
