/** Seconds spent in each named phase of a job (read, prepare, train, ...), for run.json and benchmarks. */
export class PhaseClock {
  readonly seconds: Record<string, number> = {};

  private add(name: string, started: number): void {
    this.seconds[name] = (this.seconds[name] ?? 0) + (performance.now() - started) / 1000;
    if (process.env.HEPML_TRACE_MEMORY) traceMemory(`after ${name}`);
  }

  time<T>(name: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(name, started);
    }
  }

  async timeAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(name, started);
    }
  }
}

/** This process's peak resident memory so far, in MB. */
export function peakRssMegabytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Where the memory is (set HEPML_TRACE_MEMORY=1): resident, JS heap and array buffers, in MB, on stderr. */
export function traceMemory(label: string): void {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  process.stderr.write(`memory ${label}: rss ${mb(usage.rss)} heap ${mb(usage.heapUsed)}/${mb(usage.heapTotal)} arrayBuffers ${mb(usage.arrayBuffers)} external ${mb(usage.external)} peak ${peakRssMegabytes()}\n`);
}
