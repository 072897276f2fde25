// Every expression form against NumPy (Debian's python3-numpy) over the same branch values of
// real CMS files: defined variables, reductions, masks, ternaries, ROOT spellings, selections
// and summed weights. NumPy gets the branches (flat, and jagged as offsets + values) and
// computes each expression its own way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { BranchRequest } from '../../../src/core/expr/chunks';
import { loadConfig, loadConfigEvents } from '../../../src/core/config/load';
import { readRoot } from '../../../src/core/data/root';
import type { RawColumns } from '../../../src/core/data/rawColumns';
import { compileExpression, type ExpressionScope } from '../../../src/core/expr/compile';
import { evaluate, evaluationContext } from '../../../src/core/expr/evaluate';
import { needOracle, python } from '../../helpers/oracle';
import { hasSharedData, sharedData, tempDir } from '../../helpers/paths';

const FILL = -7;

/** Evaluates expressions over whole columns as one chunk (float64 throughout). */
function evaluator(columns: RawColumns, jagged: string[], defines: Record<string, string> = {}) {
  const scope: ExpressionScope = {
    branch: (name) => (columns.jagged.has(name) ? 'jagged' : columns.numbers.has(name) ? 'scalar' : undefined),
    branchNames: () => [...columns.numbers.keys(), ...jagged],
    defines,
    fill: FILL,
  };
  const chunk = { entries: columns.entries, firstEntry: 0, numbers: columns.numbers, jagged: columns.jagged, strings: new Map() };
  return (text: string) => Array.from(evaluate(compileExpression(text, scope).ir, evaluationContext(chunk, 3)) as Float64Array);
}

/** Branch values for NumPy: flat ones as lists, jagged ones as {offsets, values}. */
function forNumpy(columns: RawColumns): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, values] of columns.numbers) out[name] = Array.from(values);
  for (const [name, { offsets, values }] of columns.jagged) out[name] = { offsets: Array.from(offsets), values: Array.from(values) };
  return out;
}

// The NumPy side: jagged helpers built on np.add.reduceat and np.repeat, not on our code.
const NUMPY_PRELUDE = `
b = data['branches']
n = len(next(v for v in b.values() if isinstance(v, list)))
FILL = ${FILL}
class J:
    def __init__(s, offsets, values):
        s.o = np.asarray(offsets, dtype=np.int64); s.v = np.asarray(values, dtype=float)
    def counts(s): return np.diff(s.o)
    def ev(s): return np.repeat(np.arange(n), s.counts())
    def same(s, v): return J(s.o, v)
    def mask(s, m):
        keep = m.v != 0; c = np.bincount(s.ev()[keep], minlength=n); o = np.concatenate([[0], np.cumsum(c)])
        return J(o, s.v[keep])
    def at(s, k):
        out = np.full(n, FILL, dtype=float); has = s.counts() > k; out[has] = s.v[s.o[:-1][has] + k]; return out
    def sum(s): return np.bincount(s.ev(), weights=s.v, minlength=n)
    def length(s): return s.counts().astype(float)
    def mean(s):
        c = s.counts(); t = s.sum(); return np.where(c > 0, t / np.maximum(c, 1), 0.0)
    def ext(s, f, empty):
        out = np.full(n, float(empty)); c = s.counts()
        for e in np.nonzero(c)[0]: out[e] = f(s.v[s.o[e]:s.o[e+1]])
        return out
def jag(name): return J(b[name]['offsets'], b[name]['values'])
def flat(name): return np.asarray(b[name], dtype=float)
def bcast(x, j): return x[j.ev()]
def dphi(a, c):
    d = a - c
    return (d + np.pi) % (2 * np.pi) - np.pi
`;

describe('expressions equal NumPy on real CMS files', { skip: !hasSharedData }, () => {
  it('single top (CMS tutorial): defines, elements, reductions, masks, ternaries, ROOT spellings', async (t) => {
    if (!needOracle(t)) return;
    const jagged = ['Jet_Px', 'Jet_Py', 'Jet_E', 'Jet_btag', 'Muon_Px', 'Muon_Py', 'Muon_Pz', 'Muon_Iso'];
    const flat = ['NJet', 'NMuon', 'MET_px', 'MET_py', 'EventWeight', 'triggerIsoMu24', 'NPrimaryVertices'];
    const requests: BranchRequest[] = [...flat.map((name) => ({ name, kind: 'number' as const, role: 'test' })), ...jagged.map((name) => ({ name, kind: 'jagged' as const, role: 'test' }))];
    const columns = await readRoot(sharedData('cms-tutorial', 'single_top.root'), 'events', requests);
    const defines = { jet_pt: 'hypot(Jet_Px, Jet_Py)', met: 'hypot(MET_px, MET_py)', ht: 'Sum(jet_pt)' };
    const ours = evaluator(columns, jagged, defines);
    const cases: [string, string][] = [
      ['hypot(MET_px, MET_py)', "np.hypot(flat('MET_px'), flat('MET_py'))"],
      ['met * 2 - 1', "np.hypot(flat('MET_px'), flat('MET_py')) * 2 - 1"],
      ['Jet_Px[0]', "jag('Jet_Px').at(0)"],
      ['Jet_Px[5]', "jag('Jet_Px').at(5)"],
      ['hypot(Jet_Px[1], Jet_Py[1])', "np.hypot(jag('Jet_Px').at(1), jag('Jet_Py').at(1))"],
      ['Sum(Jet_btag > 0.5)', "jag('Jet_btag').same((jag('Jet_btag').v > 0.5).astype(float)).sum()"],
      ['ht', "jag('Jet_Px').same(np.hypot(jag('Jet_Px').v, jag('Jet_Py').v)).sum()"],
      ['Sum(Jet_Px * Jet_Px + Jet_Py * Jet_Py)', "jag('Jet_Px').same(jag('Jet_Px').v**2 + jag('Jet_Py').v**2).sum()"],
      ['Max(Jet_E)', "jag('Jet_E').ext(np.max, FILL)"],
      ['Min(Jet_E)', "jag('Jet_E').ext(np.min, FILL)"],
      ['Mean(Jet_E)', "jag('Jet_E').mean()"],
      ['Length(Jet_E)', "jag('Jet_E').length()"],
      ['Any(Jet_btag > 0.8)', "(jag('Jet_btag').same((jag('Jet_btag').v > 0.8).astype(float)).sum() > 0).astype(float)"],
      ['All(Jet_btag < 0.9)', "(jag('Jet_btag').same((jag('Jet_btag').v >= 0.9).astype(float)).sum() == 0).astype(float)"],
      ['Sum(Jet_E[Jet_btag > 0.5])', "jag('Jet_E').mask(jag('Jet_btag').same((jag('Jet_btag').v > 0.5).astype(float))).sum()"],
      ['Length(Jet_Px[abs(Jet_Px) > 1e6])', 'np.zeros(n)'],
      ['Max(Jet_E[Jet_btag > 0.5])', "jag('Jet_E').mask(jag('Jet_btag').same((jag('Jet_btag').v > 0.5).astype(float))).ext(np.max, FILL)"],
      ['Sum(Jet_Px * MET_px)', "jag('Jet_Px').same(jag('Jet_Px').v * bcast(flat('MET_px'), jag('Jet_Px'))).sum()"],
      ['triggerIsoMu24 && NMuon >= 1 && NJet >= 2', "((flat('triggerIsoMu24') != 0) & (flat('NMuon') >= 1) & (flat('NJet') >= 2)).astype(float)"],
      ['!(NJet > 2) || NMuon == 0', "(~(flat('NJet') > 2) | (flat('NMuon') == 0)).astype(float)"],
      ['NJet > 2 ? MET_px : -MET_py', "np.where(flat('NJet') > 2, flat('MET_px'), -flat('MET_py'))"],
      ['TMath::Sqrt(MET_px * MET_px + MET_py * MET_py)', "np.sqrt(flat('MET_px')**2 + flat('MET_py')**2)"],
      ['TMath::Power(MET_px, 2) + std::abs(MET_py)', "flat('MET_px')**2 + np.abs(flat('MET_py'))"],
      ['TMath::Max(MET_px, MET_py) - min(MET_px, MET_py)', "np.maximum(flat('MET_px'), flat('MET_py')) - np.minimum(flat('MET_px'), flat('MET_py'))"],
      ['exp(-abs(MET_px) / 100) + log(1 + abs(MET_py)) + sin(MET_px) * cos(MET_py) + tan(MET_px / 1000)', "np.exp(-np.abs(flat('MET_px'))/100) + np.log(1 + np.abs(flat('MET_py'))) + np.sin(flat('MET_px'))*np.cos(flat('MET_py')) + np.tan(flat('MET_px')/1000)"],
      ['sinh(MET_px / 100) + cosh(MET_py / 100) + tanh(MET_px / 10) + atan2(MET_py, MET_px) + pow(NJet, 1.5)', "np.sinh(flat('MET_px')/100) + np.cosh(flat('MET_py')/100) + np.tanh(flat('MET_px')/10) + np.arctan2(flat('MET_py'), flat('MET_px')) + flat('NJet')**1.5"],
      ['deltaPhi(atan2(Jet_Py[0], Jet_Px[0]), atan2(MET_py, MET_px))', "dphi(np.arctan2(jag('Jet_Py').at(0), jag('Jet_Px').at(0)), np.arctan2(flat('MET_py'), flat('MET_px')))"],
      ['deltaR(asinh(Muon_Pz[0] / hypot(Muon_Px[0], Muon_Py[0])), atan2(Muon_Py[0], Muon_Px[0]), 0.5, atan2(MET_py, MET_px))', "np.hypot(np.arcsinh(jag('Muon_Pz').at(0) / np.hypot(jag('Muon_Px').at(0), jag('Muon_Py').at(0))) - 0.5, dphi(np.arctan2(jag('Muon_Py').at(0), jag('Muon_Px').at(0)), np.arctan2(flat('MET_py'), flat('MET_px'))))"],
      ['entry % 4 + sample', 'np.arange(n) % 4 + 3'],
    ];
    const usable = cases;
    const expected = python<number[][]>(`${NUMPY_PRELUDE}
with np.errstate(all='ignore'):
    out = [np.broadcast_to(np.asarray(eval(code), dtype=float), (n,)).tolist() for code in data['codes']]
print(json.dumps(out))`, { branches: forNumpy(columns), codes: usable.map(([, code]) => code) });
    usable.forEach(([text], c) => {
      const got = ours(text);
      assert.equal(got.length, columns.entries, text);
      for (let e = 0; e < got.length; e++) {
        const a = got[e];
        const b = expected[c][e];
        const ok = (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
        if (!ok) assert.fail(`${text}: entry ${e}: ${a} vs NumPy ${b}`);
      }
    });
  });

  it('NanoAOD: jets in acceptance, b-tags, the leading muon, event-number folds', async (t) => {
    if (!needOracle(t)) return;
    const jagged = ['Jet_pt', 'Jet_eta', 'Jet_btagDeepB', 'Muon_pt', 'Muon_pfRelIso03_all'];
    const requests: BranchRequest[] = [...['nJet', 'nMuon', 'MET_pt', 'event'].map((name) => ({ name, kind: 'number' as const, role: 'test' })), ...jagged.map((name) => ({ name, kind: 'jagged' as const, role: 'test' }))];
    const columns = await readRoot(sharedData('root-io', 'nanoAOD_2015_CMS_Open_Data_ttbar.root'), 'Events', requests);
    const ours = evaluator(columns, jagged);
    const cases: [string, string][] = [
      ['Sum(Jet_pt[abs(Jet_eta) < 2.4 && Jet_pt > 30])', "jag('Jet_pt').mask(jag('Jet_pt').same(((np.abs(jag('Jet_eta').v) < 2.4) & (jag('Jet_pt').v > 30)).astype(float))).sum()"],
      ['Length(Jet_pt[Jet_btagDeepB > 0.6])', "jag('Jet_pt').mask(jag('Jet_pt').same((jag('Jet_btagDeepB').v > 0.6).astype(float))).length()"],
      ['Max(Jet_pt[abs(Jet_eta) > 5])', "jag('Jet_pt').mask(jag('Jet_pt').same((np.abs(jag('Jet_eta').v) > 5).astype(float))).ext(np.max, FILL)"],
      ['Muon_pt[0] * (Muon_pfRelIso03_all[0] < 0.15)', "jag('Muon_pt').at(0) * (jag('Muon_pfRelIso03_all').at(0) < 0.15)"],
      ['event % 2', "flat('event') % 2"],
      ['nJet >= 4 && MET_pt > 20', "((flat('nJet') >= 4) & (flat('MET_pt') > 20)).astype(float)"],
    ];
    const expected = python<number[][]>(`${NUMPY_PRELUDE}
out = [np.broadcast_to(np.asarray(eval(code), dtype=float), (n,)).tolist() for code in data['codes']]
print(json.dumps(out))`, { branches: forNumpy(columns), codes: cases.map(([, code]) => code) });
    cases.forEach(([text], c) => {
      const got = ours(text);
      got.forEach((a, e) => assert.ok(Math.abs(a - expected[c][e]) <= 1e-9 * Math.max(1, Math.abs(expected[c][e])), `${text}: entry ${e}: ${a} vs NumPy ${expected[c][e]}`));
    });
  });

  it('a config with defines, selections, weights and scales: cut-flow counts, summed weights and kept values equal NumPy', async (t) => {
    if (!needOracle(t)) return;
    const dir = tempDir();
    for (const f of ['single_top.root', 'ww.root', 'zz.root']) fs.copyFileSync(sharedData('cms-tutorial', f), path.join(dir, f));
    const config = {
      data: {
        sources: [
          { path: 'single_top.root', tree: 'events', class: 'signal', scale: 0.5 },
          { path: ['ww.root', 'zz.root'], tree: 'events', class: 'background', scale: 2, selection: 'Muon_Iso[0] < 5', weight: '1 + NPrimaryVertices / 100' },
        ],
        define: { met: 'hypot(MET_px, MET_py)', n_btag: 'Sum(Jet_btag > 0.5)' },
        selection: 'triggerIsoMu24 && NMuon >= 1 && NJet >= 2',
        weight: 'EventWeight * 1.0',
        features: ['met', 'n_btag', 'Jet_Px[1]'],
        spectators: ['Sum(Jet_E)'],
      },
      model: { hidden: [{ units: 4 }] },
    };
    fs.writeFileSync(path.join(dir, 'c.hepml.json'), JSON.stringify(config));
    const loaded = loadConfig(path.join(dir, 'c.hepml.json'), { workspace: dir });
    const table = await loadConfigEvents(loaded);
    const requests: BranchRequest[] = [...['MET_px', 'MET_py', 'EventWeight', 'triggerIsoMu24', 'NMuon', 'NJet', 'NPrimaryVertices'].map((name) => ({ name, kind: 'number' as const, role: 't' })), ...['Jet_btag', 'Jet_Px', 'Jet_E', 'Muon_Iso'].map((name) => ({ name, kind: 'jagged' as const, role: 't' }))];
    const files = [['single_top.root'], ['ww.root', 'zz.root']];
    const raw = await Promise.all(files.map((chain) => Promise.all(chain.map((f) => readRoot(path.join(dir, f), 'events', requests)))));
    const expected = python<{ stages: number[][]; weighted: number[][]; met: number[]; spectator: number[] }>(`${NUMPY_PRELUDE.replace("b = data['branches']\nn = len(next(v for v in b.values() if isinstance(v, list)))", '')}
stages, weighted, met, spect = [], [], [], []
for s, chain in enumerate(data['sources']):
    st, wt = None, None
    for part in chain:
        b = part; n = len(b['MET_px'])
        w = flat('EventWeight') * (1 + flat('NPrimaryVertices') / 100 if s == 1 else 1)
        keep = np.ones(n, bool); rows = [(n, w.sum())]
        if s == 1:
            keep &= jag('Muon_Iso').at(0) < 5; rows.append((keep.sum(), w[keep].sum()))
        keep &= (flat('triggerIsoMu24') != 0) & (flat('NMuon') >= 1) & (flat('NJet') >= 2); rows.append((keep.sum(), w[keep].sum()))
        st = [r[0] for r in rows] if st is None else [a + r[0] for a, r in zip(st, rows)]
        wt = [r[1] for r in rows] if wt is None else [a + r[1] for a, r in zip(wt, rows)]
        met += np.hypot(flat('MET_px'), flat('MET_py'))[keep].tolist()
        spect += jag('Jet_E').sum()[keep].tolist()
    stages.append([int(x) for x in st]); weighted.append([float(x) for x in wt])
print(json.dumps({'stages': stages, 'weighted': weighted, 'met': met, 'spectator': spect}))`, { sources: raw.map((chain) => chain.map(forNumpy)) });
    table.samples.forEach((sample, s) => {
      assert.deepEqual(sample.cutflow.map((c) => c.events), expected.stages[s], `source ${s} counts per stage`);
      sample.cutflow.forEach((c, k) => {
        assert.ok(Math.abs(c.weighted - expected.weighted[s][k]) < 1e-6 * Math.abs(expected.weighted[s][k]), `source ${s} stage ${k} summed weight ${c.weighted} vs ${expected.weighted[s][k]}`);
        assert.ok(Math.abs(c.yield - expected.weighted[s][k] * [0.5, 2][s]) < 1e-6 * Math.abs(c.yield), 'yield = summed weight x scale');
      });
    });
    assert.equal(table.size, expected.met.length);
    table.columns[0].forEach((v, i) => assert.equal(v, Math.fround(expected.met[i]), `met of kept event ${i}`));
    table.spectators[0].forEach((v, i) => assert.equal(v, Math.fround(expected.spectator[i]), `spectator of kept event ${i}`));
    // Entries count on across the chain: zz's first entry follows ww's last.
    const zzFirst = table.entries.findIndex((e, i) => table.sources[i] === 1 && e >= raw[1][0].entries);
    assert.ok(zzFirst > 0, 'entries of the second file of a chain continue the first');
  });
});
