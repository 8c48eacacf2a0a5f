/**
 * How the background processes of this process are doing (deadline watcher, unit merger, anchors):
 * each run reports success or failure here, and `/health` shows a failing one (status `degraded`)
 * with the error and since when — a process that cannot do its work is never silent. A failed run is
 * retried at the next interval; processes keep their checkpoints, so nothing is skipped meanwhile.
 */
export interface ProcessStatus {
  /** When the last run succeeded (ISO instant); null before the first success. */
  lastSuccessAt: string | null;
  /** Set while the latest runs fail: since when, how many in a row, the latest error. */
  failing: { since: string; failures: number; error: string } | null;
}

export class ProcessHealth {
  private readonly states = new Map<string, ProcessStatus>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  private state(name: string): ProcessStatus {
    let s = this.states.get(name);
    if (!s) {
      s = { lastSuccessAt: null, failing: null };
      this.states.set(name, s);
    }
    return s;
  }

  succeeded(name: string): void {
    const s = this.state(name);
    s.lastSuccessAt = this.clock().toISOString();
    s.failing = null;
  }

  failed(name: string, err: unknown): void {
    const s = this.state(name);
    const error = err instanceof Error ? err.message : String(err);
    s.failing = s.failing
      ? { since: s.failing.since, failures: s.failing.failures + 1, error }
      : { since: this.clock().toISOString(), failures: 1, error };
  }

  /** Every process that has run, by name. */
  snapshot(): Record<string, ProcessStatus> {
    return Object.fromEntries([...this.states].map(([name, s]) => [name, { ...s }]));
  }

  get anyFailing(): boolean {
    return [...this.states.values()].some((s) => s.failing !== null);
  }
}
