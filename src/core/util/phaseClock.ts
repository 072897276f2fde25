/** Seconds spent in each named phase of a job (read, prepare, train, ...), for run.json and benchmarks. */
export class PhaseClock {
  readonly seconds: Record<string, number> = {};

  private add(name: string, started: number): void {
    this.seconds[name] = (this.seconds[name] ?? 0) + (performance.now() - started) / 1000;
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
