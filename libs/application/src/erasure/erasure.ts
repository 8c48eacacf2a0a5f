import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Runtime } from '../../../runtime/src/index.js';
import { handleCommandWithRetries } from '../commands/handle-command.js';
import { caseStreamId } from '../../../domain/src/index.js';
import { letterRef } from '../cases/case.letter.js';

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
  correlationId: string = randomUUID(),
): Promise<{ personRef: string; erased: boolean; alreadyErased: boolean }> {
  const erased = await runtime.vault.erase(personRef);
  await handleCommandWithRetries(
    runtime,
    erasureStreamId(personRef),
    (history, ctx) =>
      history.length > 0 ? [] : [{ type: 'PersonErased', data: { personRef, reason, at: ctx.now } }],
    {
      actor,
      correlationId,
      eventId: () => uuidv5(`PersonErased:${personRef}`, ERASURE_NAMESPACE),
      duplicateMeansDone: true,
    },
  );
  await eraseLettersOf(runtime, personRef, actor, correlationId);
  return { personRef, erased: true, alreadyErased: !erased };
}

/**
 * A letter's key goes with the last of its petitioners (architecture.md decision 7): for every case
 * that named the person, once every petitioner it ever named is erased, the case's letter key is
 * erased too, and `LetterErased` is recorded (the case list then drops its searchable copy). Cases
 * are found in the PostgreSQL event table; with EVENT_STORE=kurrentdb letters keep their keys.
 */
async function eraseLettersOf(
  runtime: Runtime,
  personRef: string,
  actor: { id: string; name: string; roles: string[] },
  correlationId: string,
): Promise<void> {
  if (runtime.config.eventStore === 'kurrentdb') return;
  const cases = await runtime.pool.query<{ case_id: string }>(
    `SELECT DISTINCT data->>'caseId' AS case_id FROM events
      WHERE type IN ('CaseReceived', 'CaseAmended')
        AND data->'petitioners' @> jsonb_build_array(jsonb_build_object('personRef', $1::text))`,
    [personRef],
  );
  for (const { case_id: caseId } of cases.rows) {
    const refs = new Set<string>();
    for (const e of await runtime.store.readStream(caseStreamId(caseId))) {
      const list = (e.data as { petitioners?: { personRef?: unknown }[] }).petitioners;
      if ((e.type === 'CaseReceived' || e.type === 'CaseAmended') && Array.isArray(list))
        for (const p of list) if (typeof p.personRef === 'string') refs.add(p.personRef);
    }
    const live = await runtime.pool.query(
      'SELECT 1 FROM vault_keys WHERE person_ref = ANY($1::text[]) AND erased_at IS NULL LIMIT 1',
      [[...refs]],
    );
    if (live.rowCount !== 0) continue;
    await runtime.vault.erase(letterRef(caseId));
    await handleCommandWithRetries(
      runtime,
      `erasure-letter-${caseId}`,
      (history, ctx) => (history.length > 0 ? [] : [{ type: 'LetterErased', data: { caseId, at: ctx.now } }]),
      {
        actor,
        correlationId,
        eventId: () => uuidv5(`LetterErased:${caseId}`, ERASURE_NAMESPACE),
        duplicateMeansDone: true,
      },
    );
  }
}
