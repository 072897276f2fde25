// hepml explore on the ATLAS Higgs sample: counts, weights and correlations equal numpy's.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostics } from '../../src/shared/diagnostics';
import { hepml } from '../helpers/cli';
import { needOracle, python } from '../helpers/oracle';
import { REPO, tempDir } from '../helpers/paths';

describe('hepml explore', () => {
  it('summarises the classes and draws distributions and complete-case correlations equal to numpy', (t) => {
    if (!needOracle(t)) return;
    const dir = tempDir();
    for (const name of ['atlas.hepml.json', 'training_10k.csv']) fs.copyFileSync(path.join(REPO, 'examples', 'atlas-higgs', name), path.join(dir, name));
    const result = hepml(['explore', 'atlas.hepml.json', '--json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop()!) as { runDir: string; classes: { name: string; events: number; weight: number; withMissing: number }[]; features: number };
    const diagnostics = JSON.parse(fs.readFileSync(path.join(summary.runDir, 'diagnostics.json'), 'utf8')) as Diagnostics;
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'atlas.hepml.json'), 'utf8'));
    const expected = python<{ classes: { name: string; events: number; weight: number; withMissing: number }[]; corr01: number }>(
      `import csv
rows = list(csv.DictReader(open(data['file'])))
features = data['features']
out = []
for label, name in (('s', 'signal'), ('b', 'background')):
    part = [r for r in rows if r['Label'] == label]
    missing = sum(1 for r in part if any(float(r[f]) == -999.0 for f in features))
    out.append({'name': name, 'events': len(part), 'weight': sum(float(r['Weight']) for r in part), 'withMissing': missing})
complete = [r for r in rows if r['Label'] == 's' and all(float(r[f]) != -999.0 for f in features)]
x = np.array([[float(r[f]) for f in features[:2]] for r in complete], dtype=np.float32).astype(float)
w = np.array([float(r['Weight']) for r in complete])
c = np.cov(x.T, aweights=w)
print(json.dumps({'classes': out, 'corr01': c[0, 1] / np.sqrt(c[0, 0] * c[1, 1])}))`,
      { file: path.join(dir, 'training_10k.csv'), features: config.data.features },
    );
    assert.deepEqual(summary.classes.map((c) => [c.name, c.events, c.withMissing]), expected.classes.map((c) => [c.name, c.events, c.withMissing]));
    summary.classes.forEach((c, i) => assert.ok(Math.abs(c.weight - expected.classes[i].weight) < 1e-9 * Math.abs(expected.classes[i].weight) + 1e-9, `${c.name} weight ${c.weight} vs ${expected.classes[i].weight}`));
    assert.equal(summary.features, config.data.features.length);
    assert.equal(diagnostics.features!.length, config.data.features.length);
    assert.ok(Math.abs(diagnostics.correlation!.signal[0][1] - expected.corr01) < 1e-5, `corr ${diagnostics.correlation!.signal[0][1]} vs ${expected.corr01}`);
    assert.ok(fs.existsSync(path.join(summary.runDir, 'report.html')));
    assert.equal(JSON.parse(fs.readFileSync(path.join(summary.runDir, 'run.json'), 'utf8')).kind, 'explore');
  });
});
