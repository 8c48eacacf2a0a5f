import * as crypto from 'node:crypto';
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
  return sha256Hex(prevHash + body);
}

/**
 * computeEventHash of an event whose data and metadata are given already canonical (`canonicalJson` of
 * each): the same hash, built from the parts. The six keys in JCS order are data, eventId, metadata,
 * streamId, type, version, so the canonical form of the whole is those parts joined in that order. An
 * append canonicalises the metadata its events share once instead of once per event.
 */
export function computeEventHashOfCanonical(
  prevHash: string,
  event: {
    streamId: string;
    version: number;
    eventId: string;
    type: string;
    canonicalData: string;
    canonicalMetadata: string;
  },
): string {
  const body =
    `{"data":${event.canonicalData},"eventId":${canonicalJson(event.eventId)},` +
    `"metadata":${event.canonicalMetadata},"streamId":${canonicalJson(event.streamId)},` +
    `"type":${canonicalJson(event.type)},"version":${canonicalJson(event.version)}}`;
  return sha256Hex(prevHash + body);
}

// One-shot crypto.hash (Node ≥ 20.12) costs about half of createHash().update().digest() for inputs
// of an event's size; the same digest.
const oneShot: typeof crypto.hash | undefined = (crypto as Partial<typeof crypto>).hash;

/** Lowercase hex sha256 of the UTF-8 bytes of `text`. */
function sha256Hex(text: string): string {
  if (oneShot) return oneShot('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
