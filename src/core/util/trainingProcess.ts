import * as os from 'node:os';
// How processes that train are started. Measured on the 45-fit grid (examples/higgs/grid.hepml.json
// at 4 epochs a fit, 2 vCPUs): each fold allocates and frees buffers of a few MB, and glibc's
// defaults hand them back to the kernel at every free, so they page-fault in again at the next
// allocation (825,000 faults, 1.7 s of system time for 9 s of search). Keeping up to 64 MB freed
// in the process cut that to 136,000 faults and 0.5 s; with V8's garbage collection on the
// worker's own thread, one worker took 8.4 s instead of 9.6 s, two 6.2 s instead of 7.2 s.

/** glibc malloc tunables: keep freed memory below 64 MB, serve blocks below 32 MB from the heap. */
const MALLOC_TUNABLES = 'glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=33554432';

/** Node flags for a search worker: garbage collection without helper threads, which competed with the other workers for the cores. */
export const TRAINING_EXEC_ARGV = ['--single-threaded-gc'];

/** The environment for a process that trains; a GLIBC_TUNABLES the user set is kept as it is. */
export function trainingEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return env.GLIBC_TUNABLES === undefined ? { ...env, GLIBC_TUNABLES: MALLOC_TUNABLES } : env;
}

/** The niceness of training processes: below the editor and the driver that waits on them. */
const TRAINING_NICENESS = 10;

/**
 * Lowers a training process's priority, so that the editor (its extension host and dashboards) and
 * the search's driver stay responsive on a machine the trainings keep busy; HEPML_NICE=0 keeps
 * them at the caller's. Where the system refuses, nothing changes.
 */
export function lowerPriority(pid: number | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (pid === undefined || env.HEPML_NICE === '0') return;
  try {
    os.setPriority(pid, Math.max(os.getPriority(pid), Number(env.HEPML_NICE ?? TRAINING_NICENESS)));
  } catch {
    // Not permitted (or the process is gone): it runs at the caller's priority.
  }
}
