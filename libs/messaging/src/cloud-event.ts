import type { StoredEvent } from '../../event-store/src/index.js';

/**
 * CloudEvents 1.0 (structured JSON mode) envelopes for donthu's events on Kafka. See docs/messaging.md.
 *
 * Only an allow-list of metadata leaves the process: the actor's id and roles (never the name), the
 * correlation and causation ids, the instants and the schema version. Event payloads are published as
 * stored; personal data in them is already sealed (encrypted) by the domain, nothing is added here.
 */

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** Kafka `content-type` header value of a structured-mode CloudEvent. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';
export const DEFAULT_TOPIC_PREFIX = 'donthu';
export const DEFAULT_EVENT_SOURCE = 'donthu';
export const DEFAULT_TYPE_PREFIX = 'vn.donthu';

/** The event metadata that is published (an allow-list of EventMetadata). */
export interface PublishedMetadata {
  actor: { id: string; roles: string[] };
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  recordedAt: string;
  schemaVersion: number;
}

/** `data` of a donthu CloudEvent. */
export interface DonthuEventData {
  streamId: string;
  version: number;
  globalPosition: string;
  type: string;
  data: Record<string, unknown>;
  metadata: PublishedMetadata;
}

/** A donthu event as a CloudEvents 1.0 JSON envelope (structured mode). */
export interface DonthuCloudEvent {
  specversion: '1.0';
  /** The event id (UUID): consumers deduplicate on it. */
  id: string;
  source: string;
  /** `vn.donthu.<category>.<EventType>`, e.g. `vn.donthu.case.CaseAccepted`. */
  type: string;
  /** recordedAt (ISO 8601). */
  time: string;
  /** The stream id, e.g. `case-123`. */
  subject: string;
  datacontenttype: 'application/json';
  /** Extension: global position in the event log (decimal string). */
  donthuposition: string;
  /** Extension: the stream version of this event. */
  donthuversion: number;
  /** Extension: schema version of `data.data`. */
  donthuschema: number;
  /** Extension (CloudEvents partitioning): the Kafka key, = the stream id. */
  partitionkey: string;
  data: DonthuEventData;
}

export interface CloudEventOptions {
  /** CloudEvents `source` (a URI reference), e.g. `urn:donthu:hanoi-prod`. Default `donthu`. */
  source?: string;
  /** Prefix of CloudEvents `type`. Default `vn.donthu`. */
  typePrefix?: string;
}

/** A Kafka message ready for the producer. */
export interface OutboundMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Milliseconds since the epoch (recordedAt), as a decimal string. */
  timestamp: string;
}

const TOPIC_UNSAFE = /[^a-zA-Z0-9._-]/g;

/** The stream's category: the stream id up to its first '-' (`case-123` → `case`); the whole id without one. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash <= 0 ? streamId : streamId.slice(0, dash);
}

/** The topic of a stream: `${prefix}.${category}` (`case-123` → `donthu.case`). Unsafe characters become `_`. */
export function topicFor(streamId: string, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  const category = streamCategory(streamId).replace(TOPIC_UNSAFE, '_') || '_';
  return prefix ? `${prefix}.${category}` : category;
}

/** Maps a stored event to its CloudEvents envelope. Pure. */
export function toCloudEvent(event: StoredEvent, options: CloudEventOptions = {}): DonthuCloudEvent {
  const category = streamCategory(event.streamId);
  const typePrefix = options.typePrefix ?? DEFAULT_TYPE_PREFIX;
  const m = event.metadata;
  const schemaVersion = typeof m.schemaVersion === 'number' ? m.schemaVersion : 1;
  const metadata: PublishedMetadata = {
    actor: { id: m.actor.id, roles: [...m.actor.roles] },
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    schemaVersion,
  };
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: event.eventId,
    source: options.source ?? DEFAULT_EVENT_SOURCE,
    type: `${typePrefix}.${category}.${event.type}`,
    time: event.recordedAt,
    subject: event.streamId,
    datacontenttype: 'application/json',
    donthuposition: event.globalPosition,
    donthuversion: event.version,
    donthuschema: schemaVersion,
    partitionkey: event.streamId,
    data: {
      streamId: event.streamId,
      version: event.version,
      globalPosition: event.globalPosition,
      type: event.type,
      data: event.data,
      metadata,
    },
  };
}

/** The Kafka message of a stored event: topic per category, key = stream id, value = the JSON envelope. */
export function toKafkaMessage(
  event: StoredEvent,
  options: CloudEventOptions & { topicPrefix?: string } = {},
): OutboundMessage {
  const envelope = toCloudEvent(event, options);
  return {
    topic: topicFor(event.streamId, options.topicPrefix ?? DEFAULT_TOPIC_PREFIX),
    key: event.streamId,
    value: JSON.stringify(envelope),
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
    timestamp: String(Date.parse(event.recordedAt)),
  };
}

/**
 * Parses a message value back into an envelope (for consumers and tests). Checks the shape that
 * deduplication and ordering rely on; throws an Error on anything else.
 */
export function parseCloudEvent(value: Buffer | string | null): DonthuCloudEvent {
  if (value === null) throw new Error('empty Kafka message value');
  const parsed: unknown = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('CloudEvent must be a JSON object');
  const e = parsed as Partial<DonthuCloudEvent>;
  if (e.specversion !== CLOUDEVENTS_SPEC_VERSION)
    throw new Error(`unsupported specversion ${String(e.specversion)}`);
  if (typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.source !== 'string') {
    throw new Error('CloudEvent lacks id, type or source');
  }
  if (
    typeof e.data !== 'object' ||
    e.data === null ||
    typeof e.data.streamId !== 'string' ||
    typeof e.data.version !== 'number'
  ) {
    throw new Error(`CloudEvent ${e.id} lacks data.streamId or data.version`);
  }
  return e as DonthuCloudEvent;
}
