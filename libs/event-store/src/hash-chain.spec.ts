import { createHash } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { GENESIS_HASH, canonicalJson, computeEventHash, computeEventHashOfCanonical } from './hash-chain.js';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('hash chain', () => {
  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('matches a vector computed independently over a hand-written canonical string', () => {
    const event = {
      type: 'CaseReceived',
      version: 1,
      streamId: 'case-1',
      metadata: { schemaVersion: 1, recordedAt: '2025-03-01T02:03:04.005Z', actor: { id: 'u1' } },
      eventId: '0192f1c2-7b1a-7000-8000-000000000001',
      data: { title: 'Đơn khiếu nại', count: 2, ok: true, nested: { b: null, a: [1, 'x'] } },
    };
    // Keys sorted by UTF-16 code units at every level, no whitespace (RFC 8785).
    const canonical =
      '{"data":{"count":2,"nested":{"a":[1,"x"],"b":null},"ok":true,"title":"Đơn khiếu nại"},' +
      '"eventId":"0192f1c2-7b1a-7000-8000-000000000001",' +
      '"metadata":{"actor":{"id":"u1"},"recordedAt":"2025-03-01T02:03:04.005Z","schemaVersion":1},' +
      '"streamId":"case-1","type":"CaseReceived","version":1}';
    expect(canonicalJson(event)).toBe(canonical);
    const expected = sha256(GENESIS_HASH + canonical);
    expect(computeEventHash(GENESIS_HASH, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);

    const second = computeEventHash(expected, { ...event, version: 2 });
    expect(second).toBe(sha256(expected + canonical.replace('"version":1}', '"version":2}')));
  });

  it('ignores extra fields and depends on every covered field', () => {
    const base = { streamId: 's', version: 1, eventId: 'e', type: 't', data: { a: 1 }, metadata: {} };
    const h = computeEventHash(GENESIS_HASH, base);
    expect(computeEventHash(GENESIS_HASH, { ...base, extra: 1 } as typeof base)).toBe(h);
    expect(computeEventHash(GENESIS_HASH, { ...base, data: { a: 2 } })).not.toBe(h);
    expect(computeEventHash(GENESIS_HASH, { ...base, type: 'u' })).not.toBe(h);
    expect(computeEventHash('1'.repeat(64), base)).not.toBe(h);
  });
});

describe('computeEventHashOfCanonical', () => {
  it('equals computeEventHash of the same fields (the parts joined in JCS key order)', () => {
    const events = [
      { streamId: 'case-1', version: 1, eventId: 'e', type: 't', data: {}, metadata: {} },
      {
        streamId: 'case-"2"\u2028',
        version: 2147483647,
        eventId: '0192f1c2-7b1a-7000-8000-000000000001',
        type: 'CaseReceived',
        data: { z: [1.5, -0, 1e21, 'ư'], a: { '\u00e9': null, e: true, '\ud83d\ude00': 'x' } },
        metadata: { schemaVersion: 3, actor: { id: 'u1', roles: [] }, causationId: null },
      },
    ];
    for (const prev of [GENESIS_HASH, 'a'.repeat(64)]) {
      for (const e of events) {
        expect(
          computeEventHashOfCanonical(prev, {
            ...e,
            canonicalData: canonicalJson(e.data),
            canonicalMetadata: canonicalJson(e.metadata),
          }),
        ).toBe(computeEventHash(prev, e));
      }
    }
    const e = events[1]!;
    expect(
      computeEventHashOfCanonical(GENESIS_HASH, {
        ...e,
        canonicalData: canonicalJson(e.data),
        canonicalMetadata: canonicalJson({}),
      }),
    ).not.toBe(computeEventHash(GENESIS_HASH, e));
  });
});
