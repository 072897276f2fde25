import type { RunRecord } from '../../shared/run';
import type { CalibrationResult } from '../../shared/analysis';
import type { CurveResult } from '../../shared/analysis';
import { configSpace } from '../search/configSpace';
import { lowerIsBetter } from '../search/objectives';
import { partialDependence } from './partialDependence';
import { RunDirectory } from '../store/runStore';
import { reliabilitySpec } from './calibrationSpecs';
import { curveSpec } from './curveSpecs';
import { searchSpecs } from './searchSpecs';
import { diagnosticsSpecs, historySpec, type NamedSpec } from './specs';
import { trialsTable } from './trialsTable';
import type { TextTable, TrialsTable } from '../../shared/webviewProtocol';
import { diagnosticsTables } from './tables';
import { appendAll } from '../util/arrays';
import { RUN } from '../store/runLayout';
import { searchScoring } from '../config/resolveSearch';

/** The plots of any stored run, for dashboards: what its report.html shows. */
export function runSpecs(dir: string): { title: string; subtitle?: string; specs: NamedSpec[]; table?: TrialsTable; tables?: TextTable[] } {
  const run = new RunDirectory(dir);
  const record = run.readRecord();
  switch (record.kind) {
    case 'search': {
      const config = run.read(RUN.config);
      const trials = run.readIfPresent(RUN.trials) ?? [];
      const scoring = searchScoring(config.search);
      const space = config.search ? configSpace(config.search) : undefined;
      // A GP fitted to the trials, whatever sampled them: partial dependence and importance.
      const pd = space ? partialDependence(space, trials) : undefined;
      const specs = searchSpecs(trials, space?.names ?? [], scoring, lowerIsBetter(scoring), pd, space?.dimensions ?? [], config.search?.objectives ?? []);
      const refit = run.refit();
      if (refit.has(RUN.diagnostics)) {
        appendAll(specs, diagnosticsSpecs(refit.read(RUN.diagnostics)).map((s) => ({ ...s, id: `refit-${s.id}`, title: `Refit: ${s.title}` })));
      }
      const tables = trainingTables(refit).map((t) => ({ ...t, title: `Refit: ${t.title}` }));
      return { title: `${record.name}: ${config.search?.method ?? ''} search ${shortId(run.id)}`, subtitle: runFacts(record), specs, tables, table: run.has(RUN.trials) ? trialsTable(config, trials) : undefined };
    }
    case 'curve': {
      const curve = run.readJson<CurveResult>(RUN.curve.name);
      return { title: `${record.name}: ${curve.kind} curve${curve.param ? ` of ${curve.param}` : ''} ${shortId(run.id)}`, specs: [curveSpec(curve)] };
    }
    case 'calibration':
      return { title: `${record.name}: calibration ${shortId(run.id)}`, specs: [reliabilitySpec(run.readJson<CalibrationResult>(RUN.calibration.name))] };
    case 'explore':
      return { title: `${record.name}: data`, subtitle: `explored ${record.created.slice(0, 16).replace('T', ' ')}`, specs: trainingSpecs(run), tables: trainingTables(run) };
    default:
      return { title: `${record.name}: ${record.kind} ${shortId(run.id)}`, subtitle: runFacts(record), specs: trainingSpecs(run), tables: trainingTables(run) };
  }
}

/** A training's plots: its diagnostics once written; before that, the epochs so far. */
function trainingSpecs(run: RunDirectory): NamedSpec[] {
  if (run.has(RUN.diagnostics)) return diagnosticsSpecs(run.read(RUN.diagnostics));
  if (!run.has(RUN.history)) return [];
  const history = run.read(RUN.history);
  return history.length > 0 ? [{ id: 'history', title: `Training history (${history.length} epoch${history.length === 1 ? '' : 's'} so far)`, spec: historySpec(history) }] : [];
}

/** One line under a training's title: status, epochs, time and the kernels that computed it. */
function runFacts(record: RunRecord): string {
  const facts: string[] = [record.status];
  if (record.epochs !== undefined) facts.push(`${record.epochs} epochs`);
  if (record.seconds !== undefined) facts.push(`${record.seconds.toFixed(1)} s`);
  if (record.metrics) facts.push(`test AUC ${record.metrics.auc.toFixed(4)}`);
  if (record.kernels) facts.push(`kernels: ${record.kernels}`);
  return facts.join(' \u00b7 ');
}

/** A run's hash (the end of its id), which tells runs of one config apart in tab titles. */
function shortId(id: string): string {
  return id.slice(id.lastIndexOf('-') + 1);
}

/** The report's tables of a training or an exploration (working points, data checks, cut-flow, yields). */
function trainingTables(run: RunDirectory): TextTable[] {
  return run.has(RUN.diagnostics) ? diagnosticsTables(run.read(RUN.diagnostics)) : [];
}
