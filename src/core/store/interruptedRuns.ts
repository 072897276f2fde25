import * as os from 'node:os';
import type { RunRecord } from '../../shared/run';
import { isAlive } from './lock';
import { listRuns } from './runStore';

/**
 * Marks as interrupted the runs of a workspace whose process is gone: those of `reaped` pids
 * (orphans just stopped), and runs still "running" on this host whose process no longer lives.
 * Returns the records changed.
 */
export function markInterruptedRuns(workspace: string, reaped: number[], runsFolder?: string): RunRecord[] {
  const changed: RunRecord[] = [];
  for (const run of listRuns(workspace, runsFolder)) {
    let record: RunRecord;
    try {
      record = run.readRecord();
    } catch {
      continue;
    }
    const orphaned = reaped.includes(record.pid) && (record.status === 'running' || record.status === 'cancelled');
    const abandoned = record.status === 'running' && (record.host ?? os.hostname()) === os.hostname() && !isAlive(record.pid);
    if (!orphaned && !abandoned) continue;
    const how = orphaned ? `its process ${record.pid} outlived the editor window that started it and was stopped` : `its process ${record.pid} is gone`;
    const next = record.kind === 'search' ? 'Resume Search continues it; finished trials are kept.' : 'train it again.';
    changed.push(run.updateRecord({ status: 'interrupted', error: `interrupted: ${how}; ${next}`, finished: record.finished ?? new Date().toISOString() }));
  }
  return changed;
}
