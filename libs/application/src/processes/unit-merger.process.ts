import { v5 as uuidv5 } from 'uuid';
import { foldCaseEvents } from '../folds.js';
import { runProcessCommand } from '../process-command.js';
import { caseStreamId, decide, planUnitMerger, vietnamDateOf } from '../../../domain/src/index.js';
import type { UnitMerged } from '../../../domain/src/index.js';
import {
  type GlobalCheckpoint,
  type StoredEvent,
  readCheckpoint,
  viaPool,
  writeCheckpoint,
} from '../../../event-store/src/index.js';
import type { ProjectionRunner } from '../../../read-models/src/index.js';
import type { Runtime } from '../../../runtime/src/index.js';

const NAME = 'process.unit-merger.v1';
const NAMESPACE = '9a4c1e7b-2d3f-4b6a-8e5c-7f1d0b3a6c92';
export const MERGER_ACTOR = { id: 'system:unit-merger', name: 'Unit merger', roles: [] as string[] };

/**
 * Drives unit mergers: every UnitMerged in the log is entered in `unit_merger_schedule`; on its
 * `effectiveOn` (Vietnam date; at once for a merger recorded on or after it) the worker moves each
 * pending case of the ceasing unit to its successor (CaseTransferred, reason unit_merger; status and
 * deadlines unchanged) and hands over its open recommendations. A merger withdrawn before its date
 * (UnitMergerCancelled) is never carried out. Event ids derive from the merger event and the case, so
 * a re-run never moves a case twice.
 */
export class UnitMergerProcess {
  constructor(
    private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    /** Extra steps (e.g. moving inspection recommendations) added by later modules. */
    private readonly moveRecommendation?: (
      step: {
        inspectionId: string;
        recommendationId: string;
        fromUnitId: string;
        toUnitId: string;
        effectiveOn: string;
      },
      causation: StoredEvent,
    ) => Promise<void>,
  ) {}

  private checkpoint(): Promise<GlobalCheckpoint> {
    return readCheckpoint(viaPool(this.runtime.pool), NAME);
  }

  private save(cp: GlobalCheckpoint): Promise<void> {
    return writeCheckpoint(viaPool(this.runtime.pool), NAME, cp);
  }

  /** Enters the mergers (and their withdrawals) in the log now, then carries out those due; returns how many it carried out. */
  async runOnce(): Promise<number> {
    for (;;) {
      const events = await this.runtime.store.readAll({ after: await this.checkpoint(), limit: 500 });
      if (events.length === 0) break;
      // The checkpoint moves past each merger (or withdrawal) once it is entered, and to the end of
      // the batch: one write per batch, not one per event of the log (every command's event).
      for (const e of events) {
        if (e.type !== 'UnitMerged' && e.type !== 'UnitMergerCancelled') continue;
        if (e.type === 'UnitMerged') await this.schedule(e);
        else await this.unschedule(e);
        await this.save({ transactionId: e.transactionId, position: e.globalPosition });
      }
      const last = events[events.length - 1];
      await this.save({ transactionId: last.transactionId, position: last.globalPosition });
    }
    return this.carryOutDue();
  }

  /**
   * Enters a merger (pending). Read again from the start of the log (a checkpoint reset), a merger
   * already carried out is carried out again: its moves have deterministic ids, so nothing moves twice.
   */
  private async schedule(e: StoredEvent): Promise<void> {
    const merged = e as unknown as StoredEvent & UnitMerged;
    await this.runtime.pool.query(
      `INSERT INTO unit_merger_schedule (merger_event_id, stream_id, into_unit_id, effective_on, global_position)
       VALUES ($1, $2, $3, $4::date, $5)
       ON CONFLICT (merger_event_id) DO UPDATE SET status = 'pending'
         WHERE unit_merger_schedule.status = 'done'`,
      [e.eventId, e.streamId, merged.data.intoUnitId, merged.data.effectiveOn, String(e.globalPosition)],
    );
  }

  private async unschedule(e: StoredEvent): Promise<void> {
    const d = e.data as { effectiveOn: string };
    await this.runtime.pool.query(
      `UPDATE unit_merger_schedule SET status = 'cancelled'
        WHERE stream_id = $1 AND effective_on = $2::date AND status = 'pending' AND global_position < $3`,
      [e.streamId, d.effectiveOn, String(e.globalPosition)],
    );
  }

  /** The mergers whose effectiveOn has come (Vietnam date), oldest recorded first. */
  private async carryOutDue(): Promise<number> {
    const today = vietnamDateOf(this.runtime.clock());
    const due = await this.runtime.pool.query<{ merger_event_id: string; stream_id: string }>(
      `SELECT merger_event_id, stream_id FROM unit_merger_schedule
        WHERE status = 'pending' AND effective_on <= $1::date ORDER BY global_position`,
      [today],
    );
    let handled = 0;
    for (const row of due.rows) {
      const cause = (await this.runtime.store.readStream(row.stream_id)).find(
        (x) => x.eventId === row.merger_event_id,
      );
      if (cause) {
        await this.handle(cause);
        handled++;
      }
      await this.runtime.pool.query(
        `UPDATE unit_merger_schedule SET status = 'done', done_at = now() WHERE merger_event_id = $1`,
        [row.merger_event_id],
      );
    }
    return handled;
  }

  private async handle(e: StoredEvent): Promise<void> {
    // The case list must include everything written before the merger is carried out (a scheduled
    // merger also moves the cases registered between its recording and its effectiveOn).
    await this.runner.waitFor(await this.runtime.store.headPosition(), 30_000);
    const merged = e as unknown as StoredEvent & UnitMerged;
    const ceasing = e.streamId.replace(/^unit-/, '');
    const rows: { case_id: string }[] = await this.runtime.dataSource.query(
      `SELECT case_id FROM rm_cases WHERE (receiving_unit_id = $1 OR competent_unit_id = $1)
       AND status NOT IN ('closed', 'withdrawn', 'terminated') ORDER BY case_id`,
      [ceasing],
    );
    // A failure here stops the run before the checkpoint moves: the next run handles this merger again
    // (its moves have deterministic ids), so no recommendation is skipped for good.
    const recs: { inspection_id: string; recommendation_id: string }[] = await this.runtime.dataSource.query(
      `SELECT inspection_id, recommendation_id FROM rm_recommendations WHERE recorded_to IS NULL AND owner_unit_id = $1 AND status = 'open'`,
      [ceasing],
    );
    const steps = planUnitMerger({
      ceasingUnitId: ceasing,
      successorUnitId: merged.data.intoUnitId,
      effectiveOn: merged.data.effectiveOn,
      pendingCaseIds: rows.map((r) => r.case_id),
      openRecommendations: recs.map((r) => ({
        inspectionId: r.inspection_id,
        recommendationId: r.recommendation_id,
      })),
    });
    for (const step of steps) {
      if (step.kind === 'MoveCase')
        await this.moveCase(step.caseId, step.fromUnitId, step.toUnitId, step.effectiveOn, e);
      else if (this.moveRecommendation) await this.moveRecommendation(step, e);
    }
  }

  private async moveCase(
    caseId: string,
    fromUnitId: string,
    toUnitId: string,
    effectiveOn: string,
    cause: StoredEvent,
  ): Promise<void> {
    await runProcessCommand(
      this.runtime,
      caseStreamId(caseId),
      (history, ctx) =>
        decide(
          {
            type: 'MoveCaseForUnitMerger',
            data: { fromUnitId, toUnitId, effectiveOn, reason: 'unit_merger' },
          },
          foldCaseEvents(history),
          ctx,
        ),
      { actor: MERGER_ACTOR, cause, eventId: (i) => uuidv5(`${cause.eventId}:${caseId}:${i}`, NAMESPACE) },
    );
  }
}
