import * as fs from 'node:fs';
import type { Diagnostics } from '../../shared/diagnostics';
import { RunDirectory } from '../store/runStore';
import { rocLines, SCHEMA, type NamedSpec } from './specs';
import { REFIT_FOLDER, RUN } from '../store/runLayout';


interface ComparedRun {
  label: string;
  diagnostics: Diagnostics;
}

/** A run's model diagnostics: its own, or for a search those of its refitted best. */
function diagnosticsOf(run: RunDirectory): Diagnostics | undefined {
  for (const name of [RUN.diagnostics.name, `${REFIT_FOLDER}/${RUN.diagnostics.name}`]) {
    if (!fs.existsSync(run.file(name))) continue;
    // Through the store's codec: diagnostics may hold NaN or infinities.
    const diagnostics = run.readJson<Diagnostics>(name);
    if (diagnostics.roc) return diagnostics;
  }
  return undefined;
}

/** Runs side by side: test ROC curves overlaid, AUC and signal efficiencies per run. */
export function compareSpecs(dirs: string[]): { title: string; specs: NamedSpec[] } {
  const runs: ComparedRun[] = [];
  for (const dir of dirs) {
    const run = new RunDirectory(dir);
    const record = run.readRecord();
    const diagnostics = diagnosticsOf(run);
    if (diagnostics) runs.push({ label: `${record.name} ${record.kind} ${record.id.slice(0, 15)}`, diagnostics });
  }
  const roc = runs.flatMap(({ label, diagnostics }) => {
    const test = diagnostics.roc!.test;
    return test.fpr.map((fpr, i) => ({ run: `${label} (AUC ${test.auc.toFixed(4)})`, efficiency: test.tpr[i], rejection: 1 - fpr, fpr }));
  });
  const efficiencies = runs.flatMap(({ label, diagnostics }) =>
    (diagnostics.efficiency?.backgroundEfficiencies ?? []).map((b, i) => ({ run: label, background: `B = ${b}`, efficiency: diagnostics.efficiency!.test[i] })),
  );
  const specs: NamedSpec[] = [
    {
      id: 'compare-roc',
      title: 'ROC curves (test set)',
      spec: {
        $schema: SCHEMA,
        data: { values: roc },
        width: 420,
        height: 360,
        ...rocLines(['efficiency', 'signal efficiency'], ['rejection', 'background rejection'], 'run', 'fpr', { orient: 'bottom', columns: 1, labelLimit: 600 }),
      },
    },
  ];
  if (efficiencies.length > 0) {
    specs.push({
      id: 'compare-efficiency',
      title: 'Signal efficiency at fixed background efficiency (test set)',
      spec: {
        $schema: SCHEMA,
        data: { values: efficiencies },
        mark: 'bar',
        encoding: {
          column: { field: 'background', type: 'nominal', title: null },
          x: { field: 'run', type: 'nominal', axis: null },
          y: { field: 'efficiency', type: 'quantitative', title: 'signal efficiency' },
          color: { field: 'run', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1, labelLimit: 600 } },
          tooltip: [{ field: 'run' }, { field: 'efficiency', format: '.4f' }],
        },
      },
    });
  }
  return { title: `Comparing ${runs.length} runs`, specs };
}
