import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../../runtime/src/runtime.js';

export const erasureStreamId = (personRef: string): string => `erasure-${personRef}`;

/**
 * Crypto-shredding: deletes the person's data key, so every sealed copy of their identity (in every
 * event, export and backup of the events) becomes unreadable, while every hash chain still verifies
 * (hashes cover the stored ciphertext). The erasure itself is recorded as an event.
 */
export async function erasePerson(
  runtime: Runtime,
  personRef: string,
  actor: { id: string; name: string; roles: string[] },
  reason: string,
): Promise<{ personRef: string; erased: boolean; alreadyErased: boolean }> {
  const erased = await runtime.vault.erase(personRef);
  const head = await runtime.store.streamHead(erasureStreamId(personRef));
  if (!head) {
    await runtime.store
      .append(
        erasureStreamId(personRef),
        [
          {
            eventId: randomUUID(),
            type: 'PersonErased',
            data: { personRef, reason, at: runtime.clock().toISOString() },
          },
        ],
        { expectedVersion: 'no_stream', metadata: { actor, correlationId: randomUUID(), causationId: null } },
      )
      .catch(() => undefined);
  }
  return { personRef, erased: true, alreadyErased: !erased };
}
