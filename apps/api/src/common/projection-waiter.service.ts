import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ProjectionRunner } from '../../../../libs/read-models/src/index.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/index.js';

/** How long a list or board waits, by default, for the projections to catch up with the log's head. */
export const READ_YOUR_WRITES_MS = 5000;

/** Projection names, as the lists and boards that read them name them. */
export const READS = {
  units: 'units.v1',
  cases: 'case-summaries.v1',
  deadlines: 'deadlines.v1',
  receptionSessions: 'reception-sessions.v1',
  dialogues: 'dialogues.v1',
  inspections: 'inspections.v1',
  statistics: 'statistics.v1',
} as const;

/**
 * Consistency of lists and boards. With `minPosition` the answer waits (≤ 5 s) until every
 * projection it reads has applied that event (docs/reference/api-contract.md, Consistency). Without it, when the projections run in this
 * process (`npm start`), it waits (≤ 5 s, as for `minPosition`) for the events already in the log when the request
 * arrived, so a client that reads right after writing sees its write; when the projections lag
 * further, the answer is served as it stands.
 *
 * A parked projection (docs/projections.md) will not catch up by waiting: an answer that reads one
 * carries `Donthu-Stale: <name>, …` and does not wait for it, with or without `minPosition`.
 */
@Injectable()
export class ProjectionWaiter {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * Waits as `waitFor`, then reads (`read`). When nothing is waited for — no `position`, and the
   * projections run in another process — the parked check only names stale projections in the
   * answer's `Donthu-Stale`: it then runs beside the read instead of before it (one round trip fewer
   * before the answer), and the header is set before the answer is sent.
   */
  async waitThenRead<T>(
    position: string | undefined,
    options: { res?: Response; reads?: readonly string[] },
    read: () => Promise<T>,
  ): Promise<T> {
    if (position || this.runner.running) {
      await this.waitFor(position, options);
      return read();
    }
    const reads = options.reads ? [...options.reads] : this.runner.projections.map((p) => p.name);
    const [parked, answer] = await Promise.all([this.runner.parked(reads), read()]);
    if (parked.length > 0) options.res?.setHeader('Donthu-Stale', parked.map((x) => x.name).join(', '));
    return answer;
  }

  /**
   * `reads`: the projections the answer reads (default: all of them); `res`: where `Donthu-Stale` goes.
   */
  async waitFor(
    position: string | undefined,
    options: { res?: Response; reads?: readonly string[] } = {},
    timeoutMs = 5000,
  ): Promise<void> {
    const reads = options.reads ? [...options.reads] : this.runner.projections.map((p) => p.name);
    const stale = (await this.runner.parked(reads)).map((x) => x.name);
    if (stale.length > 0) options.res?.setHeader('Donthu-Stale', stale.join(', '));
    const live = reads.filter((name) => !stale.includes(name));
    if (position) {
      if (stale.length === 0) await this.runner.waitFor(position, timeoutMs, live);
      return;
    }
    if (!this.runner.running) return;
    const head = await this.runtime.store.headPosition();
    if (head !== '0' && live.length > 0) await this.runner.waitFor(head, READ_YOUR_WRITES_MS, live);
  }
}
