import { Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../../../../libs/projections/src/runner/projection-runner.js';

/** `minPosition`: lists and boards wait (≤ 5 s) until every projection has applied that event. */
@Injectable()
export class ProjectionWaiter {
  constructor(private readonly runner: ProjectionRunner) {}

  async waitFor(position: string | undefined, timeoutMs = 5000): Promise<void> {
    if (!position) return;
    await this.runner.waitFor(position, timeoutMs);
  }
}
