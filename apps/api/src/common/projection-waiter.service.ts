import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../../../../libs/projections/src/runner/projection-runner.js';
import { RUNTIME, type Runtime } from '../runtime/runtime.tokens.js';

/** How long a list or board waits, by default, for the projections to catch up with the log's head. */
export const READ_YOUR_WRITES_MS = 2000;

/**
 * Consistency of lists and boards. With `minPosition` the answer waits (≤ 5 s) until every
 * projection has applied that event (api.md). Without it, when the projections run in this process
 * (`npm start`), it waits briefly (≤ 2 s) for the events already in the log when the request arrived,
 * so a client that reads right after writing sees its write; when the projections lag further, the
 * answer is served as it stands.
 */
@Injectable()
export class ProjectionWaiter {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async waitFor(position: string | undefined, timeoutMs = 5000): Promise<void> {
    if (position) {
      await this.runner.waitFor(position, timeoutMs);
      return;
    }
    if (!this.runner.running) return;
    const head = await this.runtime.store.headPosition();
    if (head !== '0') await this.runner.waitFor(head, READ_YOUR_WRITES_MS);
  }
}
