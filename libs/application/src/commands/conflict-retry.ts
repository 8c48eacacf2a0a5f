import type { Runtime } from '../../../runtime/src/index.js';
import { ProblemError, problem } from '../common/problem.js';

/**
 * An append that lost the race on its stream: another writer appended after the command read it.
 * Thrown by `handleCommand` only when the caller did not give `If-Match` (a stale If-Match is a plain
 * 412 and is never retried). Whoever runs the command — the CommandBus around every handler, the
 * process runner around each process command — retries it with `retryOnConflict`, which re-reads
 * and re-decides; left unretried, it answers what an exhausted retry answers: 412 VERSION_CONFLICT.
 */
export class StreamConflict extends ProblemError {
  constructor(readonly streamId: string) {
    super(problem('VERSION_CONFLICT', 'the stream changed while this command ran; reload and retry'));
    this.name = 'StreamConflict';
  }
}

/** Attempts before a conflict becomes VERSION_CONFLICT (412). */
export const CONFLICT_ATTEMPTS = 25;

export interface RetryOptions {
  /** Attempts in all (default CONFLICT_ATTEMPTS). */
  attempts?: number;
  /** Counts each retry (`donthu_command_retries_total{stream}`). */
  metrics?: Pick<Runtime['metrics'], 'commandRetries'>;
  /** The stream category the retries are counted under. */
  stream: string;
}

/**
 * Runs `run` again after a `StreamConflict`, up to `attempts` times in all; `attempt` counts from 0
 * (attempt 0 may use what the caller read already, a retry must read again). The one retry of the
 * command path: the CommandBus wraps every command with it, the processes each of their commands.
 * A conflict that outlives the attempts is VERSION_CONFLICT (412); any other error is thrown as it is.
 */
export async function retryOnConflict<T>(
  run: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const attempts = options.attempts ?? CONFLICT_ATTEMPTS;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) options.metrics?.commandRetries.inc({ stream: options.stream });
    try {
      return await run(attempt);
    } catch (err) {
      if (!(err instanceof StreamConflict)) throw err;
      if (attempt + 1 >= attempts) throw new ProblemError(problem('VERSION_CONFLICT', err.problem.detail));
      // Re-read and re-decide after a short random pause, so that writers racing on one stream
      // spread out (50 racing writers once got 26 answers of 412 after 5 immediate retries).
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt + 1, 10)));
    }
  }
}
