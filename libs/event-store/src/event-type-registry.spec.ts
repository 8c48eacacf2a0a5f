import { describe, it, expect } from '@jest/globals';
import { UnknownEventType } from './event-store.port.js';
import { EventTypeRegistry } from './event-type-registry.js';

describe('EventTypeRegistry', () => {
  const registry = new EventTypeRegistry()
    .register('CaseReceived', {
      currentVersion: 3,
      upcasters: {
        1: (d) => ({ ...d, channel: 'post' }),
        2: ({ name, ...rest }) => ({ ...rest, petitioner: name }),
      },
    })
    .registerAll(['CaseClosed']);

  it('lists known types', () => {
    expect(registry.knownTypes.sort()).toEqual(['CaseClosed', 'CaseReceived']);
  });

  it('upcasts step by step to the current version without mutating the input', () => {
    const stored = { name: 'A' };
    expect(registry.upcast('CaseReceived', 1, stored)).toEqual({
      data: { channel: 'post', petitioner: 'A' },
      schemaVersion: 3,
    });
    expect(stored).toEqual({ name: 'A' });
    expect(registry.upcast('CaseReceived', 3, { petitioner: 'B' }).data).toEqual({ petitioner: 'B' });
    expect(registry.upcast('CaseClosed', 1, { x: 1 })).toEqual({ data: { x: 1 }, schemaVersion: 1 });
  });

  it('is loud about unknown types, future versions and missing steps', () => {
    expect(() => registry.upcast('Nope', 1, {})).toThrow(UnknownEventType);
    expect(() => registry.upcast('CaseClosed', 2, {})).toThrow(UnknownEventType);
    const gap = new EventTypeRegistry().register('T', { currentVersion: 3, upcasters: { 1: (d) => d } });
    try {
      gap.upcast('T', 1, {});
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownEventType);
      expect((e as UnknownEventType).eventType).toBe('T');
      expect((e as UnknownEventType).schemaVersion).toBe(2);
    }
  });

  it('rejects double registration', () => {
    expect(() => new EventTypeRegistry().register('T').register('T')).toThrow();
  });
});
