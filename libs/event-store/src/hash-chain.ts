import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The `prevHash` of the first event of every stream: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers, exactly as stored. */
export interface HashedEventFields {
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** RFC 8785 (JCS) canonical JSON of a JSON value. Throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalized as JSON');
  return text;
}

/**
 * hash = lowercase hex sha256( prevHash ‖ JCS({streamId, version, eventId, type, data, metadata}) ).
 * Only those six fields are covered; `prevHash` is the previous event's hash (GENESIS_HASH for version 1).
 */
export function computeEventHash(prevHash: string, event: HashedEventFields): string {
  const body = canonicalJson({
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
}
