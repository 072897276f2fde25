// Each kind of config mistake is reported at the right line and column, with a useful message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dataProblems } from '../../../src/core/config/dataCheck';
import { loadConfig } from '../../../src/core/config/load';
import { parseConfig } from '../../../src/core/config/parse';
import { resolveConfig } from '../../../src/core/config/resolve';
import { UserError } from '../../../src/core/util/errors';
import { separableCsv } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/paths';

const GOOD = `{
  "data": {
    "sources": [
      { "path": "events.csv" }
    ],
    "features": ["x1", "x2", "noise"],
    "label": { "column": "label", "map": { "s": "signal", "b": "background" } },
    "weight": "w"
  },
  "model": { "hidden": { "layers": 2, "units": 16 } },
  "training": { "epochs": 3 }
}
`;

/** The config text with one substring replaced; asserts it was there. */
function edit(from: string, to: string): string {
  assert.ok(GOOD.includes(from), `fixture lacks ${from}`);
  return GOOD.replace(from, to);
}

function lineOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function onlyProblem(text: string) {
  const { problems } = parseConfig(text);
  const errors = problems.filter((p) => p.severity === 'error');
  assert.equal(errors.length, 1, `expected one error, got ${JSON.stringify(errors.map((p) => p.message))}`);
  return errors[0];
}

describe('config validation', () => {
  it('accepts a good config and fills the defaults', () => {
    const parsed = parseConfig(GOOD);
    assert.deepEqual(parsed.problems, []);
    const resolved = resolveConfig(parsed.config!, 'demo');
    assert.equal(resolved.model.hidden.length, 2);
    assert.equal(resolved.model.hidden[1].units, 16);
    assert.equal(resolved.training.optimizer, 'adam');
    assert.equal(resolved.training.loss, 'binary_crossentropy');
    assert.equal(resolved.split.testFraction, 0.2);
    assert.deepEqual(resolved.data.classes, ['signal', 'background']);
  });

  it('reports an unknown key at the key, with a did-you-mean', () => {
    const text = edit('"epochs": 3', '"epoch": 3');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"epoch"'));
    assert.match(problem.message, /unknown key "epoch".*Did you mean "epochs"\?/);
  });

  it('reports a wrong type at the value', () => {
    const text = edit('"epochs": 3', '"epochs": "three"');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"three"'));
    assert.match(problem.message, /training\.epochs.*whole number/);
  });

  it('reports a value outside an enum with the allowed values', () => {
    const text = edit('"epochs": 3', '"epochs": 3, "optimizer": "adamw"');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"adamw"'));
    assert.match(problem.message, /"adam"/);
  });

  it('reports a missing required key at its parent', () => {
    const text = edit('"features": ["x1", "x2", "noise"],', '');
    const problem = onlyProblem(text);
    assert.equal(problem.line, lineOf(text, '"data"').line);
    assert.match(problem.message, /missing the required key "features"/);
  });

  it('reports a bad hidden-layer shorthand inside it, not as "no anyOf branch matched"', () => {
    const text = edit('"units": 16 }', '"units": 16, "dropot": 0.1 }');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"dropot"'));
    assert.match(problem.message, /Did you mean "dropout"/);
  });

  it('reports a JSON syntax error where it is', () => {
    const text = edit('"weight": "w"', '"weight": "w",');
    const { problems } = parseConfig(text);
    assert.ok(problems.length >= 1);
    assert.equal(problems[0].line, lineOf(text, '"weight": "w",').line + 1);
    assert.match(problems[0].message, /invalid JSON/);
  });

  it('refuses absurd nesting before parsing it', () => {
    const text = '{"data": ' + '['.repeat(100000) + ']'.repeat(100000) + '}';
    const problem = onlyProblem(text);
    assert.match(problem.message, /nests deeper than 64/);
    assert.equal(problem.line, 1);
  });

  it('reports a class that is not in data.classes at the class, with a did-you-mean', () => {
    const text = edit('"map": { "s": "signal"', '"map": { "s": "signall"');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"signall"'));
    assert.match(problem.message, /Did you mean "signal"/);
  });

  it('asks for the tree of a ROOT source', () => {
    const text = edit('{ "path": "events.csv" }', '{ "path": "events.root" }');
    const problem = onlyProblem(text);
    assert.equal(problem.line, lineOf(text, 'events.root').line);
    assert.match(problem.message, /give the TTree to read/);
  });

  it('reports a feature listed twice at the second one', () => {
    const text = edit('["x1", "x2", "noise"]', '["x1", "x2", "x1"]');
    const problem = onlyProblem(text);
    assert.equal(problem.column, lineOf(text, '"x1"]').column);
    assert.match(problem.message, /listed twice/);
  });

  it('reports inconsistent early stopping at the earlyStopping key', () => {
    const text = edit('"epochs": 3', '"epochs": 3, "validationFraction": 0, "earlyStopping": { "monitor": "val_auc" }');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '{ "monitor"'));
    assert.match(problem.message, /validationFraction is 0/);
  });

  it('reports a non-object config', () => {
    assert.match(onlyProblem('[1, 2]').message, /must be a JSON object/);
    assert.match(parseConfig('').problems[0].message, /invalid JSON/);
  });
});

describe('config checks against the data files', () => {
  function workspaceWith(text: string) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(20));
    const file = path.join(dir, 'exp.hepml.json');
    fs.writeFileSync(file, text);
    const parsed = parseConfig(text);
    return { dir, file, parsed };
  }

  it('reports an unknown feature at its string with a did-you-mean', async () => {
    const text = edit('"x2", "noise"', '"x2", "nosie"');
    const { file, parsed, dir } = workspaceWith(text);
    const problems = await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir });
    assert.equal(problems.length, 1);
    assert.deepEqual({ line: problems[0].line, column: problems[0].column }, lineOf(text, '"nosie"'));
    assert.match(problems[0].message, /feature "nosie": events\.csv has no column "nosie".*Did you mean "noise"/);
  });

  it('reports a missing weight column and a missing file', async () => {
    const text = edit('"weight": "w"', '"weight": "weight"');
    const { file, parsed, dir } = workspaceWith(text);
    const problems = await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /data\.weight: events\.csv has no column "weight"/);
    fs.rmSync(path.join(dir, 'events.csv'));
    const missing = await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir });
    assert.match(missing[0].message, /does not exist/);
    assert.equal(missing[0].line, lineOf(text, '"events.csv"').line);
  });

  it('reports a label value of the file that the map does not name (training would fail), and sees a change of the file at once', async () => {
    const text = edit('"s": "signal"', '"S": "signal"');
    const { file, parsed, dir } = workspaceWith(text);
    const problems = await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].line, lineOf(text, '"S"').line);
    assert.match(problems[0].message, /events\.csv: entry \d+ has label = "s", which data\.label\.map does not name/);
    // The cache is keyed by the file's size and time: a rewritten file is read again.
    fs.writeFileSync(path.join(dir, 'events.csv'), separableCsv(24).replace(/,s$/gm, ',S'));
    assert.deepEqual(await dataProblems(parsed.config!, parsed.locate, file, { workspace: dir }), []);
  });

  it('refuses data paths that leave the workspace, directly or by a link, and a workspace that does not exist', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'events.csv'), separableCsv(20));
    const { file, dir } = workspaceWith(edit('"events.csv"', JSON.stringify(path.join(outside, 'events.csv'))));
    assert.throws(() => loadConfig(file, { workspace: dir }), (e: Error) => e instanceof UserError && /outside the workspace/.test(e.message));
    const linked = workspaceWith(edit('"events.csv"', '"linked.csv"'));
    fs.symlinkSync(path.join(outside, 'events.csv'), path.join(linked.dir, 'linked.csv'));
    assert.throws(() => loadConfig(linked.file, { workspace: linked.dir }), (e: Error) => e instanceof UserError && /is a link to/.test(e.message));
    assert.throws(() => loadConfig(file, { workspace: path.join(dir, 'no-such-folder') }), (e: Error) => e instanceof UserError && /the workspace .*no-such-folder does not exist: give an existing folder with --workspace/.test(e.message));
    const dotdot = workspaceWith(edit('"events.csv"', '"../events.csv"'));
    assert.throws(() => loadConfig(dotdot.file, { workspace: dotdot.dir }), (e: Error) => e instanceof UserError && /outside the workspace/.test(e.message));
  });
});

describe('search section validation', () => {
  const withSearch = (search: string) => GOOD.replace('"training": { "epochs": 3 }', `"training": { "epochs": 3 },\n  "search": ${search}`);

  it('accepts the talk\'s grid and gp_minimize spaces', () => {
    const grid = withSearch('{ "method": "grid", "space": { "model.hidden.units": { "values": [32, 64, 128, 256, 512] }, "training.learningRate": { "values": [0.001, 0.002, 0.003] } }, "cv": 3 }');
    assert.deepEqual(parseConfig(grid).problems, []);
    const bayes = withSearch(`{ "method": "bayes", "acqFunc": "EI", "nCalls": 10, "randomState": 0, "space": {
      "model.hidden.layers": { "type": "integer", "low": 1, "high": 3 }, "model.hidden.units": { "type": "integer", "low": 150, "high": 300 },
      "model.hidden.l2": { "type": "real", "low": 0.01, "high": 0.1 }, "model.hidden.dropout": { "type": "real", "low": 0.01, "high": 0.1 } } }`);
    assert.deepEqual(parseConfig(bayes).problems, []);
  });

  it('reports an inverted range at its dimension', () => {
    const text = withSearch('{ "method": "random", "space": {\n "training.learningRate": { "type": "real", "low": 0.1, "high": 0.01 } } }');
    const problem = onlyProblem(text);
    assert.equal(problem.line, lineOf(text, '{ "type": "real"').line);
    assert.match(problem.message, /low \(0\.1\) must be below high \(0\.01\)/);
  });

  it('tells one located problem for a bad pruner: an unknown type, a value out of range, another pruner\'s setting', () => {
    const space = '"space": { "training.learningRate": { "type": "real", "low": 0.001, "high": 0.1 } }';
    const unknown = onlyProblem(withSearch(`{ "method": "random", ${space}, "pruner": { "type": "hyperband" } }`));
    assert.match(unknown.message, /"search.pruner.type" must be one of: "none", "median", "asha"/);
    const range = onlyProblem(withSearch(`{ "method": "random", ${space}, "pruner": { "type": "asha", "reductionFactor": 1 } }`));
    assert.match(range.message, /"search.pruner.reductionFactor" must be >= 2/);
    const text = withSearch(`{ "method": "random", ${space},\n "pruner": { "type": "median", "reductionFactor": 2 } }`);
    const other = onlyProblem(text);
    assert.equal(other.line, lineOf(text, '"pruner"').line);
    assert.match(other.message, /"reductionFactor" is not a setting of the median pruner; it takes startupTrials, warmupEpochs, interval, minTrials/);
  });

  it('tells one located problem for a bad scoring, objective or constraint, naming what it may be', () => {
    const space = '"space": { "training.learningRate": { "type": "real", "low": 0.001, "high": 0.1 } }';
    const scoring = onlyProblem(withSearch(`{ "method": "random", ${space}, "scoring": "rejection@2" }`));
    assert.match(scoring.message, /"search.scoring" must be one of: "auc", .*"ams"; or rejection@<signal efficiency> or sigeff@<background efficiency>/);
    const second = onlyProblem(withSearch(`{ "method": "random", ${space}, "objectives": ["auc", "flops"] }`));
    assert.match(second.message, /"search.objectives.1" must be one of: "fitSeconds", "parameters", "ksPValue", "auc", .*; or rejection@/);
    const text = withSearch(`{ "method": "random", ${space}, "scoring": "loss",\n "objectives": ["auc", "parameters"] }`);
    const first = onlyProblem(text);
    assert.equal(first.line, lineOf(text, '"auc", "parameters"').line);
    assert.match(first.message, /the first objective is the search's scoring: "loss"/);
    assert.match(onlyProblem(withSearch(`{ "method": "random", ${space}, "constraints": { "maxParams": 5 } }`)).message, /unknown key "maxParams" in "search.constraints". Allowed keys: ksPValueMin, maxParameters, maxFitSeconds/);
  });

  it('names the likely value of a misspelt choice, and refuses a Bayesian search whose initial design takes every call', () => {
    const space = '"space": { "training.learningRate": { "type": "real", "low": 0.001, "high": 0.1 } }';
    assert.match(onlyProblem(withSearch(`{ "method": "bayes", ${space}, "acqFunc": "ei" }`)).message, /"search.acqFunc" must be one of: "EI", "PI", "LCB", "gp_hedge". Did you mean "EI"\?/);
    const text = withSearch(`{ "method": "bayes", ${space}, "nCalls": 14,\n "nInitialPoints": 20 }`);
    const initial = onlyProblem(text);
    assert.equal(initial.line, lineOf(text, '"nInitialPoints"').line);
    assert.match(initial.message, /nInitialPoints \(20\) is more than nCalls \(14\)/);
    assert.deepEqual(parseConfig(withSearch(`{ "method": "bayes", ${space}, "nCalls": 14, "nInitialPoints": 14 }`)).problems, []);
  });

  it('asks a grid for lists of values', () => {
    const problem = onlyProblem(withSearch('{ "method": "grid", "space": { "training.epochs": { "type": "integer", "low": 1, "high": 5 } } }'));
    assert.match(problem.message, /grid search needs a list of values/);
  });

  it('reports a path that leads nowhere valid at its key', () => {
    const text = withSearch('{ "method": "grid", "space": {\n "training.learningrate": { "values": [0.1] } } }');
    const problem = onlyProblem(text);
    assert.deepEqual({ line: problem.line, column: problem.column }, lineOf(text, '"training.learningrate"'));
    assert.match(problem.message, /unknown key "learningrate".*Did you mean "learningRate"/);
    const badValue = onlyProblem(withSearch('{ "method": "grid", "space": { "training.optimizer": { "values": ["adamw"] } } }'));
    assert.match(badValue.message, /"training\.optimizer" = "adamw" gives an invalid config/);
    const laterValue = onlyProblem(withSearch('{ "method": "grid", "space": { "training.learningRate": { "values": [0.01, 1000] } } }'));
    assert.match(laterValue.message, /"training\.learningRate" = 1000 gives an invalid config/);
    const badPath = onlyProblem(withSearch('{ "method": "grid", "space": { "model.hidden[3].units": { "values": [4] } } }'));
    assert.match(badPath.message, /not a list|has only/);
  });
});
