import { v5 as uuidv5 } from 'uuid';
import { decideInspection, inspectionStreamId } from '../../../domain/src/index.js';
import type { MoveRecommendationStep } from '../../../domain/src/index.js';
import { type StoredEvent } from '../../../event-store/src/index.js';
import type { Runtime } from '../../../runtime/src/index.js';
import { foldInspectionEvents } from './inspection.fold.js';
import { runProcessCommand } from '../process-command.js';

/** Namespace of the ids of events the merger writes on inspection streams. */
const MOVE_NAMESPACE = '5c2e8f41-7b3a-4d9e-a6f0-1e8b4c7d2a95';
const MERGER_ACTOR = { id: 'system:unit-merger', name: 'Unit merger', roles: [] as string[] };

export type MoveRecommendationCallback = (
  step: Omit<MoveRecommendationStep, 'kind'>,
  causation: StoredEvent,
) => Promise<void>;

/** The deterministic id of the RecommendationMoved a merger event causes: a re-run cannot append it twice. */
export const movedEventId = (causationEventId: string, recommendationId: string): string =>
  uuidv5(`${causationEventId}:${recommendationId}`, MOVE_NAMESPACE);

/**
 * The unit-merger process's step for open recommendations (`UnitMergerProcess`'s third argument):
 * decides the domain's `MoveRecommendation` on the inspection stream and appends the result with an
 * event id derived from the causing `UnitMerged` and the recommendation. Idempotent: the domain
 * answers a repeated move with no event, a duplicate id is ignored, and a recommendation settled or
 * handed on meanwhile (a DomainError) is left alone. Due date, report schedule and history stay.
 */
export function moveRecommendationForMerger(runtime: Runtime): MoveRecommendationCallback {
  return async (step, causation) => {
    const { inspectionId, recommendationId, fromUnitId, toUnitId, effectiveOn } = step;
    const streamId = inspectionStreamId(inspectionId);
    await runProcessCommand(
      runtime,
      streamId,
      (history, ctx) =>
        decideInspection(
          { type: 'MoveRecommendation', data: { recommendationId, fromUnitId, toUnitId, effectiveOn } },
          foldInspectionEvents(history),
          ctx,
        ),
      {
        actor: MERGER_ACTOR,
        cause: causation,
        eventId: (i) =>
          i === 0
            ? movedEventId(causation.eventId, recommendationId)
            : uuidv5(`${causation.eventId}:${recommendationId}:${i}`, MOVE_NAMESPACE),
      },
    );
  };
}
