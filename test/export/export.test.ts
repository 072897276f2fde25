// hepml export: the ONNX model run by onnxruntime and the lwtnn JSON evaluated by an independent
// NumPy implementation of lwtnn's semantics both equal hepml apply on the same events.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TrainSummary } from '../../src/shared/run';
import { createRng } from '../../src/core/util/random';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { tempDir } from '../helpers/paths';
import { gaussian } from '../helpers/synthetic';

const FEATURES = ['a', 'b', 'c', 'd'];

/** Events of `classes` classes in four features; `a` holds -999 (undefined) in one event in ten. */
function events(n: number, classes: number): string {
  const rng = createRng(`export-${classes}`);
  const lines = [`${FEATURES.join(',')},label`];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const values = FEATURES.map((_, f) => gaussian(rng) + (f % classes === c ? 1.2 : 0) + f);
    if (rng() < 0.1) values[0] = -999;
    lines.push(`${values.map((v) => v.toFixed(4)).join(',')},${c}`);
  }
  return lines.join('\n') + '\n';
}

function config(classes: number, scaler: string, activations: string[]) {
  const names = classes > 2 ? ['s', 'b1', 'b2'] : ['signal', 'background'];
  return {
    name: `export-${classes}-${scaler}`,
    data: {
      sources: [{ path: 'events.csv' }],
      features: FEATURES,
      classes: names,
      label: { column: 'label', map: Object.fromEntries(names.map((name, c) => [String(c), name])) },
      missing: { value: -999, policy: 'median' },
    },
    preprocessing: { scaler },
    model: { hidden: activations.map((activation) => ({ units: 5, activation, dropout: 0.1 })) },
    training: { epochs: 2, batchSize: 64, learningRate: 0.01 },
  };
}

/** The raw feature matrix and the scores hepml apply gives the same file. */
function applied(dir: string, runDir: string, width: number): { x: Float32Array; scores: number[][] } {
  const result = hepml(['apply', runDir, 'events.csv'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const [header, ...lines] = fs.readFileSync(path.join(dir, 'events.score.csv'), 'utf8').trim().split('\n');
  assert.equal(header.split(',').length, width + 1);
  const rows = fs.readFileSync(path.join(dir, 'events.csv'), 'utf8').trim().split('\n').slice(1);
  const x = Float32Array.from(rows.flatMap((row) => row.split(',').slice(0, FEATURES.length).map(Number)));
  return { x, scores: lines.map((line) => line.split(',').slice(0, width).map(Number)) };
}

/** onnxruntime-node's outputs for the raw features. */
async function onnxRuntime(file: string, x: Float32Array): Promise<Float32Array> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(file);
  const result = await session.run({ features: new ort.Tensor('float32', x, [x.length / FEATURES.length, FEATURES.length]) });
  return result.probabilities.data as Float32Array;
}

function train(dir: string, body: unknown): string {
  fs.writeFileSync(path.join(dir, 'exp.hepml.json'), JSON.stringify(body));
  const result = hepml(['train', 'exp.hepml.json', '--json'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout.trim().split('\n').pop()!) as TrainSummary).runDir;
}

const ALL_ACTIVATIONS = ['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'softplus', 'swish', 'leaky_relu', 'linear'];
const LWTNN_ACTIVATIONS = ['relu', 'elu', 'tanh', 'sigmoid', 'swish', 'leaky_relu', 'linear'];

// lwtnn's LightweightNeuralNetwork, in NumPy from its documented behaviour: inputs (x + offset) *
// scale, each dense layer W x + b with W [outputs x inputs] row-major, then the activation.
const LWTNN_NUMPY = `
nn = data['nn']; x = np.asarray(data['x'], dtype=float).reshape(-1, len(nn['inputs']))
names = [i['name'] for i in nn['inputs']]
missing = data['missing']
for j, name in enumerate(names):
    if name in nn['defaults']:
        x[:, j] = np.where(x[:, j] == missing, nn['defaults'][name], x[:, j])
h = (x + np.array([i['offset'] for i in nn['inputs']])) * np.array([i['scale'] for i in nn['inputs']])
sig = lambda z: 1 / (1 + np.exp(-z))
for layer in nn['layers']:
    W = np.asarray(layer['weights']).reshape(len(layer['bias']), -1)
    z = h @ W.T + np.asarray(layer['bias'])
    act = layer['activation']; fn = act if isinstance(act, str) else act['function']; alpha = None if isinstance(act, str) else act['alpha']
    if fn == 'linear': h = z
    elif fn == 'rectified': h = np.maximum(z, 0)
    elif fn == 'sigmoid': h = sig(z)
    elif fn == 'tanh': h = np.tanh(z)
    elif fn == 'softmax': e = np.exp(z - z.max(axis=1, keepdims=True)); h = e / e.sum(axis=1, keepdims=True)
    elif fn == 'elu': h = np.where(z >= 0, z, alpha * (np.exp(z) - 1))
    elif fn == 'swish': h = z * sig(alpha * z)
    elif fn == 'leakyrelu': h = np.where(z > 0, z, alpha * z)
    else: raise ValueError(fn)
print(json.dumps(h.tolist()))`;

describe('hepml export', () => {
  for (const [classes, scaler, activations] of [
    [2, 'standard', ALL_ACTIVATIONS],
    [2, 'robust', ['relu', 'relu']],
    [2, 'minmax', ['tanh']],
    [3, 'none', ['elu', 'swish']],
    [3, 'standard', ['selu', 'leaky_relu', 'softplus']],
  ] as [number, string, string[]][]) {
    it(`ONNX equals hepml apply: ${classes} classes, ${scaler} scaler, ${activations.join(' ')}`, async (t) => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'events.csv'), events(600, classes));
      const runDir = train(dir, config(classes, scaler, activations));
      const exported = hepml(['export', runDir, '--format', 'onnx', '--out', 'model.onnx'], { cwd: dir });
      assert.equal(exported.status, 0, exported.stderr);
      const width = classes > 2 ? classes : 1;
      const { x, scores } = applied(dir, runDir, width);
      const onnx = await onnxRuntime(path.join(dir, 'model.onnx'), x);
      assert.equal(onnx.length, scores.length * width);
      scores.forEach((row, e) => row.forEach((v, c) => assert.ok(Math.abs(onnx[e * width + c] - v) <= 1e-5, `event ${e} output ${c}: ONNX ${onnx[e * width + c]} vs apply ${v}`)));
      const inputs = JSON.parse(fs.readFileSync(path.join(dir, 'model.inputs.json'), 'utf8'));
      assert.deepEqual(inputs.inputs.map((i: { name: string }) => i.name), FEATURES);
      if (!needOracle(t)) return;
      const check = spawnSync('/usr/bin/python3', ['-c', "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.opset_import[0].version, {p.key: p.value for p in m.metadata_props}['classes'])", path.join(dir, 'model.onnx')], { encoding: 'utf8' });
      if (check.status !== 0 && /No module named 'onnx'/.test(check.stderr) && process.env.HEPML_REQUIRE_ORACLES !== '1') return t.skip('python3-onnx not installed');
      assert.equal(check.status, 0, `onnx.checker: ${check.stderr}`);
      assert.match(check.stdout, /^13 \[/);
    });
  }

  for (const [classes, activations] of [[2, LWTNN_ACTIVATIONS], [3, ['relu', 'tanh']]] as [number, string[]][]) {
    it(`lwtnn JSON, evaluated by NumPy as lwtnn does, equals hepml apply: ${classes} classes`, (t) => {
      if (!needOracle(t)) return;
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'events.csv'), events(500, classes));
      const runDir = train(dir, config(classes, 'standard', activations));
      const exported = hepml(['export', runDir, '--format', 'lwtnn', '--out', 'nn.json'], { cwd: dir });
      assert.equal(exported.status, 0, exported.stderr);
      const width = classes > 2 ? classes : 1;
      const { x, scores } = applied(dir, runDir, width);
      const nn = JSON.parse(fs.readFileSync(path.join(dir, 'nn.json'), 'utf8'));
      assert.equal(nn.outputs.length, width);
      const outputs = python<number[][]>(LWTNN_NUMPY, { nn, x: Array.from(x), missing: -999 });
      scores.forEach((row, e) => row.forEach((v, c) => assert.ok(Math.abs(outputs[e][c] - v) <= 1e-5, `event ${e} output ${c}: lwtnn ${outputs[e][c]} vs apply ${v}`)));
    });
  }

  it('refuses an activation lwtnn does not have, naming the way out', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.csv'), events(200, 2));
    const runDir = train(dir, config(2, 'standard', ['selu']));
    const result = hepml(['export', runDir, '--format', 'lwtnn'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /lwtnn has no "selu" activation; export this run to ONNX instead/);
  });
});
