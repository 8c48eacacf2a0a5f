import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../../event-store/src/index.js';

export interface SyntheticCaseOptions {
  unit?: string;
  /** The year of every date; the default (2099) keeps deadlines in the future, so no watcher records a miss. */
  year?: number;
  trackingPrefix?: string;
}

/**
 * Tests only: one received + classified + accepted complaint appended straight to the store (three
 * events, one append).
 */
export async function appendSyntheticCase(
  store: EventStore,
  i: number,
  { unit = 'prov', year = 2099, trackingPrefix = 'SCL' }: SyntheticCaseOptions = {},
): Promise<void> {
  const caseId = randomUUID();
  const y = String(year);
  const deadline = (deadlineNo: number, ruleId: string, dueOn: string) => ({
    deadlineNo,
    ruleId,
    ruleVersion: '2012-07-01',
    startOn: `${y}-02-02`,
    length: 10,
    unit: 'working_days',
    variant: 'normal',
    baseDueOn: dueOn,
    dueOn,
    provisional: false,
    legalBasis: 'LKN Art. 27',
  });
  await store.append(
    `case-${caseId}`,
    [
      {
        eventId: randomUUID(),
        type: 'CaseReceived',
        data: {
          caseId,
          trackingCode: `${trackingPrefix}-${y}-${String(i).padStart(6, '0')}`,
          receivedAt: `${y}-02-02`,
          channel: 'online',
          receivingUnitId: unit,
          petitioners: [{ personRef: `ref-${i}`, sealed: 'sealed', representative: false }],
          signerCount: 1,
          subject: `Synthetic ${i}`,
          content: 'Synthetic content',
        },
      },
      {
        eventId: randomUUID(),
        type: 'CaseClassified',
        data: {
          caseId,
          kind: 'complaint',
          level: 1,
          competentUnitId: unit,
          processable: true,
          multiLocation: false,
          competentWithinReceivingSubtree: true,
          classifiedAt: `${y}-02-02`,
          intakeDeadline: deadline(1, 'KN-ACC', `${y}-02-13`),
          dates: [],
        },
      },
      {
        eventId: randomUUID(),
        type: 'CaseAccepted',
        data: {
          caseId,
          acceptedAt: `${y}-02-10`,
          complex: false,
          especiallyComplex: false,
          remoteArea: false,
          resolutionDeadline: deadline(2, 'KN-RES1', `${y}-04-${String(1 + (i % 28)).padStart(2, '0')}`),
          deadlineOutcomes: [
            {
              deadlineNo: 1,
              ruleId: 'KN-ACC',
              startOn: `${y}-02-02`,
              dueOn: `${y}-02-13`,
              outcome: 'met',
              on: `${y}-02-10`,
            },
          ],
          dates: [],
        },
      },
    ],
    {
      expectedVersion: 'no_stream',
      metadata: { actor: { id: 'seed', name: 'Seed', roles: [] }, correlationId: 'seed', causationId: null },
    },
  );
}
