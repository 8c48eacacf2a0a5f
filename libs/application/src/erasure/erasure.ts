import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Runtime } from '../../../runtime/src/runtime.js';
import { handleCommand } from '../commands/handle-command.js';

export const erasureStreamId = (personRef: string): string => `erasure-${personRef}`;

/** Namespace of the id of a person's PersonErased event: one per person, whoever records it. */
const ERASURE_NAMESPACE = 'c3e9a7d2-51b4-4f0e-9a86-2d7f4b1e8c53';

/**
 * Crypto-shredding: deletes the person's data key, so every sealed copy of their identity (in every
 * event, export and backup of the events) becomes unreadable, while every hash chain still verifies
 * (hashes cover the stored ciphertext). The erasure itself is recorded as an event, through the one
 * command loop. Nothing is swallowed: when the record cannot be written the error is thrown (the key
 * is gone already), and running the erasure again records it — an erased person answers
 * `alreadyErased` and the missing record is appended then (its id is fixed per person).
 */
export async function erasePerson(
  runtime: Runtime,
  personRef: string,
  actor: { id: string; name: string; roles: string[] },
  reason: string,
): Promise<{ personRef: string; erased: boolean; alreadyErased: boolean }> {
  const erased = await runtime.vault.erase(personRef);
  await handleCommand(
    runtime,
    erasureStreamId(personRef),
    (history, ctx) =>
      history.length > 0 ? [] : [{ type: 'PersonErased', data: { personRef, reason, at: ctx.now } }],
    {
      actor,
      correlationId: randomUUID(),
      eventId: () => uuidv5(`PersonErased:${personRef}`, ERASURE_NAMESPACE),
      duplicateMeansDone: true,
    },
  );
  return { personRef, erased: true, alreadyErased: !erased };
}
