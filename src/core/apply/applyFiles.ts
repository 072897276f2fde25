import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig, ResolvedSource } from '../../shared/config';
import { csvLayout } from '../data/csvFile';
import type { BranchRequest, RawChunk } from '../expr/chunks';
import { sourceFormat } from '../data/format';
import { inspectRoot } from '../data/root';
import { PlanError, sourcePlan, type SourcePlan } from '../data/plan';
import { sourceTable, streamSource } from '../data/sources';
import { RootFileWriter, type TreeBuilder } from '../rootio/treeWriter';
import { UserError } from '../util/errors';
import { scoreChunk } from './scoreChunk';
import { CsvScoresWriter } from './csvScoresWriter';
import type { TrainedRun } from './trainedRun';

// `hepml apply`: every entry of every input scored with a run's whole chain, written beside the
// input (a ROOT friend tree, or a CSV of scores), chunk by chunk, each output to a temporary
// name renamed when complete. Inputs are only read.

export interface ApplyOptions {
  /** Folder of the outputs (default: beside each input). */
  out?: string;
  /** The tree to score in a ROOT file (default: every tree it holds). */
  tree?: string;
  /** Name of the score branch or column, and of the output file's middle part (default "score"). */
  branch?: string;
  /** CSV and Parquet inputs: write the input's columns before the scores. */
  withColumns?: boolean;
  onProgress?: (file: string, entries: number) => void;
}

export interface AppliedFile {
  input: string;
  output: string;
  trees: { name?: string; entries: number; passed: number }[];
}

/** Score branch names: `score` for two classes, `score_<class>` for more. */
export function scoreNames(config: ResolvedConfig, branch: string): string[] {
  return config.data.classes.length > 2 ? config.data.classes.map((c) => `${branch}_${c}`) : [branch];
}

/** The run's config as it applies to one input: its defines, global selection, features and fold key, nothing sample-specific. */
function applyConfig(config: ResolvedConfig, source: ResolvedSource): ResolvedConfig {
  return {
    ...config,
    data: { ...config.data, sources: [source], weight: undefined, spectators: [], label: undefined },
    split: { ...config.split, testSelection: undefined },
  };
}

async function planFor(config: ResolvedConfig, source: ResolvedSource, file: string): Promise<SourcePlan> {
  const info = await sourceTable(source, file);
  try {
    return sourcePlan(config, 0, info);
  } catch (error) {
    if (error instanceof PlanError) throw new UserError(`${file}${source.tree ? ` (tree "${source.tree}")` : ''}: the run's ${error.message}; this file lacks what the model was trained on.`);
    throw error;
  }
}

function outputPath(input: string, extension: string, options: ApplyOptions): string {
  const base = path.basename(input).replace(/\.[^.]+$/, '');
  const folder = options.out ? path.resolve(options.out) : path.dirname(input);
  const output = path.join(folder, `${base}.${options.branch ?? 'score'}.${extension}`);
  if (path.resolve(output) === path.resolve(input)) throw new UserError(`${input}: its output would overwrite it; give another --branch or --out.`);
  return output;
}

/** The trees to score in a ROOT file: the one asked for, else every one it holds. */
async function treesOf(file: string, wanted: string | undefined): Promise<string[]> {
  const trees = (await inspectRoot(file)).map((t) => t.tree!);
  if (wanted === undefined) {
    if (trees.length === 0) throw new UserError(`${file}: the file holds no TTree to score.`);
    return trees;
  }
  if (!trees.includes(wanted)) throw new UserError(`${file}: no TTree "${wanted}" (--tree); the file has ${trees.map((t) => `"${t}"`).join(', ') || 'no trees'}.`);
  return [wanted];
}

/** Scores every entry of each tree into a friend tree of the same name and entry count. */
async function applyRoot(trained: TrainedRun, file: string, options: ApplyOptions): Promise<AppliedFile> {
  const output = outputPath(file, 'root', options);
  const names = scoreNames(trained.config, options.branch ?? 'score');
  const writer = new RootFileWriter(output, { compression: 1 });
  const trees: AppliedFile['trees'] = [];
  try {
    for (const tree of await treesOf(file, options.tree)) {
      const source: ResolvedSource = { path: [file], tree, class: trained.config.data.classes[0], process: tree, scale: 1 };
      const config = applyConfig(trained.config, source);
      const plan = await planFor(config, source, file);
      const friend = writer.addTree({ treeName: tree, treeTitle: `${options.branch ?? 'score'} of ${trained.record.name}`, branches: [...names.map((name) => ({ name, type: 'F' as const })), { name: 'passed', type: 'O' as const }] });
      trees.push({ name: tree, ...(await scoreInto(trained, config, plan, source, file, friend, options)) });
    }
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return { input: file, output, trees };
}

/** Streams one tree or table, writing each chunk's scores as it comes. */
async function scoreInto(trained: TrainedRun, config: ResolvedConfig, plan: SourcePlan, source: ResolvedSource, file: string, friend: TreeBuilder | CsvScoresWriter, options: ApplyOptions, extra: BranchRequest[] = []): Promise<{ entries: number; passed: number }> {
  const where = source.tree ? `${file} (tree "${source.tree}")` : file;
  const width = trained.config.data.classes.length > 2 ? trained.config.data.classes.length : 1;
  let passed = 0;
  let entries = 0;
  const requests = [...plan.requests, ...extra.filter((r) => !plan.requests.some((p) => p.name === r.name && p.kind === r.kind))];
  await streamSource(source, file, requests, (chunk: RawChunk) => {
    const scored = scoreChunk(chunk, plan, trained.models, config, where);
    const columns = Array.from({ length: width }, (_, c) => Float32Array.from({ length: scored.count }, (_, i) => scored.outputs[i * width + c]));
    if (friend instanceof CsvScoresWriter) friend.append(chunk, columns, scored.passed);
    else friend.append([...columns, scored.passed], scored.count);
    for (const p of scored.passed) passed += p;
    entries += scored.count;
    options.onProgress?.(file, entries);
  }, 0);
  return { entries, passed };
}

/** Scores a CSV or Parquet file into a CSV of scores (the input's columns first with withColumns). */
async function applyTable(trained: TrainedRun, file: string, options: ApplyOptions): Promise<AppliedFile> {
  const output = outputPath(file, 'csv', options);
  const source: ResolvedSource = { path: [file], class: trained.config.data.classes[0], process: 'apply', scale: 1 };
  const config = applyConfig(trained.config, source);
  const plan = await planFor(config, source, file);
  const columns = options.withColumns ? (sourceFormat(file) === 'csv' ? csvLayout(file).names : (await sourceTable(source, file)).columns.map((c) => c.name)) : [];
  const extra: BranchRequest[] = columns.map((name) => ({ name, kind: 'string', role: 'column kept' }));
  const writer = new CsvScoresWriter(output, columns, [...scoreNames(trained.config, options.branch ?? 'score'), 'passed']);
  try {
    const counts = await scoreInto(trained, config, plan, source, file, writer, options, extra);
    writer.close();
    return { input: file, output, trees: [counts] };
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/** Scores each input file; outputs are complete files or nothing. */
export async function applyRun(trained: TrainedRun, inputs: string[], options: ApplyOptions = {}): Promise<AppliedFile[]> {
  if (options.out) fs.mkdirSync(options.out, { recursive: true });
  const results: AppliedFile[] = [];
  for (const input of inputs) {
    const file = path.resolve(input);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserError(`${input}: no such file.`);
    const format = sourceFormat(file);
    if (!format) throw new UserError(`${input}: cannot tell the file's format (ROOT, CSV or Parquet) from its name or content.`);
    results.push(format === 'root' ? await applyRoot(trained, file, options) : await applyTable(trained, file, options));
  }
  return results;
}
