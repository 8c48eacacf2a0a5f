/**
 * Pure mappings between the event-store port and KurrentDB (no client, no I/O), kept apart so they can be
 * unit-tested without a server.
 *
 * Versions: the port numbers a stream's events 1, 2, 3 …; KurrentDB numbers them by revision 0, 1, 2 ….
 *   port version n  ↔  KurrentDB revision n − 1;  expected 'no_stream' (version 0) ↔ NO_STREAM.
 * Positions: a KurrentDB log position is a pair (commit, prepare). Events appended together share the
 *   commit position of their write and have increasing prepare positions; `$all` is ordered by
 *   (commit, prepare). So a GlobalCheckpoint is
 *   transactionId = commit position, position = prepare position (both decimal strings),
 *   and StoredEvent.globalPosition is the prepare position.
 */
import { NO_STREAM, START, type Position } from '@kurrent/kurrentdb-client';
import type { GlobalCheckpoint } from '../event-store.port.js';

/** The metadata key under which the adapter stores the hash-chain links (not covered by the hash). */
export const CHAIN_KEY = '$donthu';

/** Prefix of the adapter's own event-id claim streams (one per event id; see the adapter). */
export const CLAIM_STREAM_PREFIX = '_donthu-eventid-';

/** Custom stream metadata the adapter sets on every stream it creates. */
export const STREAM_MARKER = { donthu: { writer: 'donthu', hashChain: 'sha256-jcs-v1' } } as const;

/** Chain links stored in the event metadata next to the hashed EventMetadata. */
export interface ChainLinks {
  prevHash: string;
  hash: string;
}

/** The KurrentDB revision of port version `version` (>= 1). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isInteger(version) || version < 1) throw new Error(`invalid stream version ${String(version)}`);
  return BigInt(version - 1);
}

/** The port version of KurrentDB revision `revision`. */
export function versionOfRevision(revision: bigint): number {
  if (revision < 0n || revision >= BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`revision ${revision} is out of range`);
  }
  return Number(revision) + 1;
}

/** KurrentDB's expected state for an append after port version `version` (0 = the stream must not exist). */
export function streamStateForVersion(version: number): typeof NO_STREAM | bigint {
  if (!Number.isInteger(version) || version < 0)
    throw new Error(`invalid expected version ${String(version)}`);
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

/** The port version of a KurrentDB current stream state (NO_STREAM → 0). */
export function versionOfStreamState(state: typeof NO_STREAM | bigint): number {
  return state === NO_STREAM ? 0 : versionOfRevision(state);
}

/** The checkpoint of an event at KurrentDB position `position`. */
export function checkpointOfPosition(position: Position): GlobalCheckpoint {
  return { transactionId: position.commit.toString(10), position: position.prepare.toString(10) };
}

/** Where a forward read of `$all` starts for `checkpoint` (inclusive; the caller skips the checkpoint itself). */
export function readPositionOfCheckpoint(checkpoint: GlobalCheckpoint): typeof START | Position {
  const commit = parseUnsigned(checkpoint.transactionId, 'transactionId');
  const prepare = parseUnsigned(checkpoint.position, 'position');
  if (commit === 0n && prepare === 0n) return START;
  return { commit, prepare };
}

/** Orders two log positions as `$all` does: by commit, then prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** True when `position` comes strictly after `checkpoint` in `$all` order. */
export function isAfterCheckpoint(position: Position, checkpoint: GlobalCheckpoint): boolean {
  return (
    comparePositions(position, {
      commit: parseUnsigned(checkpoint.transactionId, 'transactionId'),
      prepare: parseUnsigned(checkpoint.position, 'position'),
    }) > 0
  );
}

/** System streams (`$…`, including metadata streams `$$…`) and system event types (`$…`). */
export function isSystemRecord(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** The claim stream of an event id. */
export function claimStreamOf(eventId: string): string {
  return `${CLAIM_STREAM_PREFIX}${eventId.toLowerCase()}`;
}

export function isClaimStream(streamId: string): boolean {
  return streamId.startsWith(CLAIM_STREAM_PREFIX);
}

/** Rejects stream ids the adapter reserves for system or its own use. */
export function assertUserStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new Error('streamId must be a non-empty string');
  if (streamId.startsWith('$') || isClaimStream(streamId)) {
    throw new Error(`stream id ${streamId} is reserved (starts with "$" or "${CLAIM_STREAM_PREFIX}")`);
  }
}

/** The stored KurrentDB metadata: the hashed EventMetadata plus the chain links under CHAIN_KEY. */
export function toStoredMetadata(
  metadata: Record<string, unknown>,
  links: ChainLinks,
): Record<string, unknown> {
  if (CHAIN_KEY in metadata)
    throw new Error(`metadata key ${CHAIN_KEY} is reserved by the KurrentDB adapter`);
  return { ...metadata, [CHAIN_KEY]: { prevHash: links.prevHash, hash: links.hash } };
}

/**
 * Splits stored KurrentDB metadata into the hashed EventMetadata and the chain links; null when the event
 * was not written by this adapter (no chain links).
 */
export function fromStoredMetadata(
  stored: unknown,
): { metadata: Record<string, unknown>; links: ChainLinks } | null {
  if (
    stored === null ||
    typeof stored !== 'object' ||
    Array.isArray(stored) ||
    stored instanceof Uint8Array
  ) {
    return null;
  }
  const { [CHAIN_KEY]: links, ...metadata } = stored as Record<string, unknown>;
  if (links === null || typeof links !== 'object') return null;
  const { prevHash, hash } = links as Record<string, unknown>;
  if (typeof prevHash !== 'string' || typeof hash !== 'string') return null;
  return { metadata, links: { prevHash, hash } };
}

function parseUnsigned(text: string, field: string): bigint {
  if (typeof text !== 'string' || !/^[0-9]+$/.test(text))
    throw new Error(`checkpoint ${field} must be a decimal string`);
  return BigInt(text);
}
