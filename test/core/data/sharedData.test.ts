// Every file in ../shared/data reads: each tree's flat branches and the first element of its jagged ones.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readCsv } from '../../../src/core/data/csv';
import { inspectFile } from '../../../src/core/data/inspect';
import { readRoot } from '../../../src/core/data/root';
import type { BranchRequest } from '../../../src/core/expr/chunks';
import { hasSharedData, SHARED_DATA } from '../../helpers/paths';

const NUMERIC_LEAVES = new Set(['F', 'D', 'I', 'i', 'L', 'l', 'S', 's', 'B', 'b', 'O']);

function dataFiles(): string[] {
  if (!hasSharedData) return [];
  return fs.readdirSync(SHARED_DATA, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(root|csv)$/.test(f))
    .map((f) => path.join(SHARED_DATA, f))
    .sort();
}


describe('every file in ../shared/data', { skip: !hasSharedData }, () => {
  for (const file of dataFiles()) {
    it(`reads ${path.relative(SHARED_DATA, file)}`, async () => {
      const tables = await inspectFile(file);
      assert.ok(tables.length > 0);
      for (const table of tables) {
        assert.ok(table.entries > 0 && table.columns.length > 0);
        if (table.kind === 'csv') {
          const requests: BranchRequest[] = table.columns.map((c) => ({ name: c.name, role: 'feature', kind: c.type === 'number' ? 'number' : 'string' }));
          const columns = await readCsv(file, requests);
          assert.equal(columns.entries, table.entries);
          continue;
        }
        const counts = new Set(table.columns.map((c) => c.countBranch).filter(Boolean));
        const requests: BranchRequest[] = table.columns
          .filter((c) => NUMERIC_LEAVES.has(c.type) && !counts.has(c.name) && !c.name.includes('.'))
          .map((c) => ({ name: c.name, role: 'feature', kind: c.countBranch || c.length ? 'jagged' : 'number' }));
        assert.ok(requests.length > 0, `${table.tree} has numeric branches`);
        const columns = await readRoot(file, table.tree!, requests);
        assert.equal(columns.entries, table.entries);
        for (const request of requests) {
          if (request.kind === 'jagged') {
            const { offsets, values } = columns.jagged.get(request.name)!;
            assert.equal(offsets.length, table.entries + 1);
            assert.equal(values.length, offsets[table.entries], request.name);
          } else assert.equal(columns.numbers.get(request.name)!.length, table.entries);
        }
      }
    });
  }
});
