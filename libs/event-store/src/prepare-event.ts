import type { AppendOptions, ExpectedVersion, NewEvent } from './event-store.port.js';

/*
 * What every adapter does to an append before it stores it, in one place so that all of them hash
 * exactly the same JSON: validate the event, fill in occurredAt, recordedAt and schemaVersion, and
 * serialise once (the hash covers exactly the JSON that is stored).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready to be hashed and stored. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  dataJson: string;
  metadataJson: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
}

/** `no_stream` is version 0; a number must be a non-negative integer. */
export function normalizeExpected(expected: ExpectedVersion): number | 'any' {
  if (expected === 'any') return 'any';
  if (expected === 'no_stream') return 0;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0) return expected;
  throw new Error(`invalid expectedVersion ${String(expected)}`);
}

/** The metadata that events of one append without metadata of their own share, by schemaVersion. */
type SharedMetadata = Map<number, { metadataJson: string; metadata: Record<string, unknown> }>;

/**
 * prepareEvent for every event of an append. Events without metadata of their own (the usual case)
 * carry the same stored metadata, so it is serialised and parsed once per schemaVersion and the prepared
 * events share it (the same text, the same object).
 */
export function prepareEvents(
  events: NewEvent[],
  options: AppendOptions,
  recordedAt: string,
): PreparedEvent[] {
  const shared: SharedMetadata = new Map();
  return events.map((e) => prepareEvent(e, options, recordedAt, shared));
}

export function prepareEvent(
  event: NewEvent,
  options: AppendOptions,
  recordedAt: string,
  shared?: SharedMetadata,
): PreparedEvent {
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
    throw new Error(`eventId must be a UUID (got ${String(event.eventId)})`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0)
    throw new Error('event type must be a non-empty string');
  if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
    throw new Error(`event ${event.eventId}: data must be a JSON object`);
  }
  const schemaVersion = event.schemaVersion ?? event.metadata?.schemaVersion ?? 1;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new Error(`event ${event.eventId}: schemaVersion must be an integer >= 1`);
  }
  const occurredInput = event.metadata?.occurredAt ?? options.metadata.occurredAt ?? recordedAt;
  const occurred = new Date(occurredInput);
  if (Number.isNaN(occurred.getTime()))
    throw new Error(`event ${event.eventId}: invalid occurredAt ${occurredInput}`);
  const occurredAt = occurred.toISOString();
  // Serialise once: the hash covers exactly the JSON that is stored (undefined dropped, dates as strings).
  const dataJson = JSON.stringify(event.data);
  // Without metadata of its own, an event's stored metadata depends only on the append and schemaVersion.
  const sharedKey = event.metadata === undefined ? schemaVersion : undefined;
  let stored = sharedKey === undefined ? undefined : shared?.get(sharedKey);
  if (!stored) {
    const metadataJson = JSON.stringify({
      ...options.metadata,
      ...event.metadata,
      occurredAt,
      recordedAt,
      schemaVersion,
    });
    stored = { metadataJson, metadata: JSON.parse(metadataJson) as Record<string, unknown> };
    if (sharedKey !== undefined) shared?.set(sharedKey, stored);
  }
  return {
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    dataJson,
    metadataJson: stored.metadataJson,
    data: JSON.parse(dataJson) as Record<string, unknown>,
    metadata: stored.metadata,
    occurredAt,
    recordedAt,
  };
}
