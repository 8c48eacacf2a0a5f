import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '../../event-store/src/index.js';
import { parseCloudEvent, streamCategory, toCloudEvent, toKafkaMessage, topicFor } from './cloud-event.js';
import { createDeduper } from './dedupe.js';
import { kafkaConfigFromEnv } from './kafka-config.js';

const event: StoredEvent = {
  streamId: 'case-7f3a',
  version: 3,
  globalPosition: '1042',
  transactionId: '991',
  eventId: '0190a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
  type: 'CaseAccepted',
  data: { acceptedOn: '2025-03-04', petitioner: { sealed: 'v1:abc' } },
  metadata: {
    actor: { id: 'officer-12', name: 'Nguyễn Văn A', roles: ['handler'] },
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: '2025-03-04T02:00:00.000Z',
    recordedAt: '2025-03-04T02:00:01.000Z',
    schemaVersion: 2,
    idempotencyKey: 'k-1',
  },
  occurredAt: '2025-03-04T02:00:00.000Z',
  recordedAt: '2025-03-04T02:00:01.000Z',
  prevHash: 'p',
  hash: 'h',
};

describe('cloud events', () => {
  it('maps a stored event to a CloudEvents 1.0 envelope', () => {
    expect(toCloudEvent(event, { source: 'urn:donthu:test' })).toEqual({
      specversion: '1.0',
      id: event.eventId,
      source: 'urn:donthu:test',
      type: 'vn.donthu.case.CaseAccepted',
      time: '2025-03-04T02:00:01.000Z',
      subject: 'case-7f3a',
      datacontenttype: 'application/json',
      donthuposition: '1042',
      donthuversion: 3,
      donthuschema: 2,
      partitionkey: 'case-7f3a',
      data: {
        streamId: 'case-7f3a',
        version: 3,
        globalPosition: '1042',
        type: 'CaseAccepted',
        data: { acceptedOn: '2025-03-04', petitioner: { sealed: 'v1:abc' } },
        metadata: {
          actor: { id: 'officer-12', roles: ['handler'] },
          correlationId: 'corr-1',
          causationId: null,
          occurredAt: '2025-03-04T02:00:00.000Z',
          recordedAt: '2025-03-04T02:00:01.000Z',
          schemaVersion: 2,
        },
      },
    });
  });

  it('keeps the actor name and free metadata out of the message', () => {
    const m = toKafkaMessage(event);
    expect(m.value).not.toContain('Nguyễn');
    expect(m.value).not.toContain('idempotencyKey');
    expect(m).toMatchObject({
      topic: 'donthu.case',
      key: 'case-7f3a',
      timestamp: String(Date.parse(event.recordedAt)),
    });
    expect(m.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(parseCloudEvent(Buffer.from(m.value)).id).toBe(event.eventId);
  });

  it('derives topics from the stream category', () => {
    expect(streamCategory('case-123-x')).toBe('case');
    expect(streamCategory('solo')).toBe('solo');
    expect(topicFor('unit-9')).toBe('donthu.unit');
    expect(topicFor('unit-9', 'acme.prod')).toBe('acme.prod.unit');
    expect(topicFor('bad cat-1')).toBe('donthu.bad_cat');
  });

  it('rejects values that are not donthu CloudEvents', () => {
    expect(() => parseCloudEvent('{"specversion":"0.3"}')).toThrow('specversion');
    expect(() => parseCloudEvent(null)).toThrow();
  });
});

describe('createDeduper', () => {
  it('passes an id once and forgets the oldest beyond capacity', () => {
    const d = createDeduper(2);
    expect([d.firstTime('a'), d.firstTime('a'), d.firstTime('b'), d.firstTime('c')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(d.size).toBe(2);
    expect(d.has('a')).toBe(false);
    expect(d.firstTime('b')).toBe(false);
  });
});

describe('kafkaConfigFromEnv', () => {
  it('reads brokers, prefix and client id', () => {
    expect(
      kafkaConfigFromEnv({ KAFKA_BROKERS: 'a:9092, b:9092', KAFKA_TOPIC_PREFIX: 'x', KAFKA_CLIENT_ID: 'c' }),
    ).toEqual({
      brokers: ['a:9092', 'b:9092'],
      topicPrefix: 'x',
      clientId: 'c',
    });
    expect(kafkaConfigFromEnv({})).toEqual({ brokers: [], topicPrefix: 'donthu', clientId: 'donthu-relay' });
  });
});
