import { describe, it, expect } from '@jest/globals';
import { NO_STREAM, START } from '@kurrent/kurrentdb-client';
import { START_OF_LOG } from '../event-store.port.js';
import { GENESIS_HASH } from '../hash-chain.js';
import {
  CHAIN_KEY,
  assertUserStreamId,
  checkpointOfPosition,
  claimStreamOf,
  comparePositions,
  fromStoredMetadata,
  isAfterCheckpoint,
  isClaimStream,
  isSystemRecord,
  readPositionOfCheckpoint,
  revisionOfVersion,
  streamStateForVersion,
  toStoredMetadata,
  versionOfRevision,
  versionOfStreamState,
} from './kurrentdb-mapping.js';

describe('KurrentDB version ↔ revision mapping', () => {
  it('maps port version n to revision n - 1 and back', () => {
    expect(revisionOfVersion(1)).toBe(0n);
    expect(revisionOfVersion(42)).toBe(41n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    for (const v of [1, 2, 1000, 2147483647]) expect(versionOfRevision(revisionOfVersion(v))).toBe(v);
  });

  it('rejects versions and revisions that have no counterpart', () => {
    expect(() => revisionOfVersion(0)).toThrow();
    expect(() => revisionOfVersion(1.5)).toThrow();
    expect(() => versionOfRevision(-1n)).toThrow();
    expect(() => versionOfRevision(2n ** 60n)).toThrow();
  });

  it('maps an expected version to the expected stream state: 0 (no_stream) ↔ NO_STREAM, n ↔ revision n - 1', () => {
    expect(streamStateForVersion(0)).toBe(NO_STREAM);
    expect(streamStateForVersion(1)).toBe(0n);
    expect(streamStateForVersion(5)).toBe(4n);
    expect(() => streamStateForVersion(-1)).toThrow();
    expect(versionOfStreamState(NO_STREAM)).toBe(0);
    expect(versionOfStreamState(4n)).toBe(5);
  });
});

describe('KurrentDB position ↔ checkpoint mapping', () => {
  it('carries commit as transactionId and prepare as position, in decimal', () => {
    expect(checkpointOfPosition({ commit: 1234n, prepare: 1371n })).toEqual({
      transactionId: '1234',
      position: '1371',
    });
    const big = 2n ** 63n + 5n;
    expect(checkpointOfPosition({ commit: big, prepare: big })).toEqual({
      transactionId: big.toString(),
      position: big.toString(),
    });
  });

  it('reads from START for the start of the log, else from the (commit, prepare) pair', () => {
    expect(readPositionOfCheckpoint(START_OF_LOG)).toBe(START);
    expect(readPositionOfCheckpoint({ transactionId: '1234', position: '1371' })).toEqual({
      commit: 1234n,
      prepare: 1371n,
    });
    expect(() => readPositionOfCheckpoint({ transactionId: '-1', position: '0' })).toThrow();
    expect(() => readPositionOfCheckpoint({ transactionId: '1e3', position: '0' })).toThrow();
  });

  it('orders positions by commit, then prepare (numerically, not as text)', () => {
    expect(comparePositions({ commit: 999n, prepare: 5000n }, { commit: 1000n, prepare: 1000n })).toBe(-1);
    expect(comparePositions({ commit: 1000n, prepare: 1000n }, { commit: 1000n, prepare: 1137n })).toBe(-1);
    expect(comparePositions({ commit: 1000n, prepare: 1137n }, { commit: 1000n, prepare: 1137n })).toBe(0);
    expect(comparePositions({ commit: 1000n, prepare: 1137n }, { commit: 1000n, prepare: 1000n })).toBe(1);
    const cp = checkpointOfPosition({ commit: 1000n, prepare: 1137n });
    expect(isAfterCheckpoint({ commit: 1000n, prepare: 1137n }, cp)).toBe(false);
    expect(isAfterCheckpoint({ commit: 1000n, prepare: 1274n }, cp)).toBe(true);
    expect(isAfterCheckpoint({ commit: 999n, prepare: 9999n }, cp)).toBe(false);
    expect(isAfterCheckpoint({ commit: 1n, prepare: 1n }, START_OF_LOG)).toBe(true);
  });
});

describe('KurrentDB stream names and stored metadata', () => {
  it('recognises system records and claim streams, and reserves their names', () => {
    expect(isSystemRecord('$$case-1', '$metadata')).toBe(true);
    expect(isSystemRecord('$stats-127.0.0.1:2113', 'anything')).toBe(true);
    expect(isSystemRecord('case-1', '$>')).toBe(true);
    expect(isSystemRecord('case-1', 'CaseReceived')).toBe(false);
    const id = 'A0B1C2D3-0000-4000-8000-000000000001';
    expect(claimStreamOf(id)).toBe('_donthu-eventid-a0b1c2d3-0000-4000-8000-000000000001');
    expect(isClaimStream(claimStreamOf(id))).toBe(true);
    expect(isClaimStream('case-1')).toBe(false);
    expect(() => assertUserStreamId('$ce-case')).toThrow();
    expect(() => assertUserStreamId(claimStreamOf(id))).toThrow();
    expect(() => assertUserStreamId('')).toThrow();
    expect(() => assertUserStreamId('case-1')).not.toThrow();
  });

  it('stores chain links next to the hashed metadata and splits them off again', () => {
    const metadata = { actor: { id: 'u', name: 'U', roles: [] }, recordedAt: '2025-01-01T00:00:00.000Z' };
    const stored = toStoredMetadata(metadata, { prevHash: GENESIS_HASH, hash: 'ab'.repeat(32) });
    expect(stored[CHAIN_KEY]).toEqual({ prevHash: GENESIS_HASH, hash: 'ab'.repeat(32) });
    expect(fromStoredMetadata(JSON.parse(JSON.stringify(stored)))).toEqual({
      metadata,
      links: { prevHash: GENESIS_HASH, hash: 'ab'.repeat(32) },
    });
    expect(() => toStoredMetadata({ [CHAIN_KEY]: 1 }, { prevHash: '', hash: '' })).toThrow();
  });

  it('treats events without chain links as foreign', () => {
    expect(fromStoredMetadata(undefined)).toBeNull();
    expect(fromStoredMetadata({ by: 'x' })).toBeNull();
    expect(fromStoredMetadata({ [CHAIN_KEY]: { prevHash: 1 } })).toBeNull();
    expect(fromStoredMetadata(new Uint8Array([1]))).toBeNull();
  });
});
