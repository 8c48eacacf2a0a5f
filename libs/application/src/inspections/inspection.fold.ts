import { foldInspection, type InspectionEvent, type InspectionState } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';

/** Folds stored events of an inspection stream with the domain's evolve (no Nest here: the worker uses it). */
export const foldInspectionEvents = (events: readonly StoredEvent[]): InspectionState =>
  foldInspection(events.map((e) => ({ type: e.type, data: e.data }) as unknown as InspectionEvent));
