import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import madge from 'madge';

// The rooms of docs/architecture.md hold: no module imports itself round a loop, no folder does,
// and every file of a run is named in store/runLayout.ts only.

const root = path.resolve(__dirname, '../..');

const readSources = () => madge(path.join(root, 'src'), { fileExtensions: ['ts'], tsConfig: path.join(root, 'tsconfig.json') });

/** core/<folder> for core files, the top folder (cli, worker, extension, shared) otherwise. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'core' && parts.length > 2 ? `core/${parts[1]}` : parts[0];
}

/** Folders on a loop: Tarjan's strongly connected components with more than one folder. */
function folderLoops(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const loops: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1) loops.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return loops;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('architecture', () => {
  it('has no import loops between modules or between folders', async () => {
    const sources = await readSources();
    const edges = new Map<string, Set<string>>();
    for (const [file, imports] of Object.entries(sources.obj())) {
      for (const imported of imports) {
        const [from, to] = [folderOf(file), folderOf(imported)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    assert.deepEqual(sources.circular(), [], 'module loops');
    assert.deepEqual(folderLoops(edges), [], 'folder loops');
    assert.ok(edges.get('core/runs')?.has('core/report'), 'the graph is read (runs imports report)');
  });

  it('finds a folder loop when there is one', () => {
    const edges = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    assert.deepEqual(folderLoops(edges), [['a', 'b', 'c']]);
  });

  it('names the files of a run only in store/runLayout.ts', () => {
    const runFileLiteral = /['"`](run|trials|journal|history|config|diagnostics|search|jobs|curve|calibration|exploration|ensemble|spec|failed|preprocessing)\.jsonl?['"`]|['"`](report\.html|predictions\.csv|model\.json|weights\.bin|lock)['"`]|['"`]fold-\$\{|['"`]folds\/|['"`]refit\//;
    const offenders = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'webview'))]
      .filter((file) => !file.endsWith(path.join('store', 'runLayout.ts')))
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file: path.relative(root, file), line: i + 1, text: line.trim() })))
      .filter(({ text }) => runFileLiteral.test(text) && !/^(\/\/|\/\*\*|\*)/.test(text));
    assert.deepEqual(offenders, []);
  });
});
