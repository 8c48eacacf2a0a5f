import { describe, expect, it } from '@jest/globals';
import { decide } from './case.decide.js';
import { foldCase } from './case.state.js';
import { toPublicCaseFacts } from './case.public-view.js';
import {
  acceptedComplaint,
  acceptedDenunciation,
  ctxOn,
  history,
  register,
  stateOf,
} from '../testing/case-fixtures.js';

describe('lookup PIN in the case stream', () => {
  it('keeps the hash given at registration and replaces it on a reissue, in any status', () => {
    const events = history([register({ lookupPinHash: 'scrypt-v1$a$b' })]);
    expect(events[0].data).toMatchObject({ lookupPinHash: 'scrypt-v1$a$b' });
    expect(stateOf(events).lookupPinHash).toBe('scrypt-v1$a$b');
    const reissued = decide(
      { type: 'ReissueLookupPin', data: { lookupPinHash: 'scrypt-v1$c$d' } },
      foldCase(events),
      ctxOn(),
    );
    expect(reissued).toEqual([
      { type: 'LookupPinReissued', data: { caseId: stateOf(events).caseId, lookupPinHash: 'scrypt-v1$c$d' } },
    ]);
    const after = stateOf([...events, ...reissued]);
    expect(after).toMatchObject({ lookupPinHash: 'scrypt-v1$c$d', version: 2, status: 'received' });
    const closed = { ...after, status: 'closed' as const };
    expect(
      decide({ type: 'ReissueLookupPin', data: { lookupPinHash: 'scrypt-v1$e$f' } }, closed, ctxOn()),
    ).toHaveLength(1);
  });

  it('refuses an empty hash and a case that does not exist', () => {
    const state = foldCase(history([register()]));
    expect(() => decide({ type: 'ReissueLookupPin', data: { lookupPinHash: '' } }, state, ctxOn())).toThrow();
    expect(() =>
      decide({ type: 'ReissueLookupPin', data: { lookupPinHash: 'x' } }, foldCase([]), ctxOn()),
    ).toThrow();
  });
});

describe('toPublicCaseFacts', () => {
  it('gives the status, the date received, the handling unit and the next date owed', () => {
    const s = stateOf(acceptedComplaint());
    const resolution = s.deadlines.find((d) => d.deadline.ruleId === 'KN-RES1')!;
    expect(toPublicCaseFacts(s)).toEqual({
      trackingCode: 'DT-2026-000001',
      status: 'accepted',
      receivedAt: '2026-07-01',
      handlingUnitId: 'unit-province',
      nextDueOn: resolution.deadline.dueOn,
    });
  });

  it('ignores a paused deadline and counts an overdue one recorded as missed', () => {
    const s = stateOf(acceptedComplaint());
    const paused = { ...s, deadlines: s.deadlines.map((d) => ({ ...d, status: 'paused' as const })) };
    expect(toPublicCaseFacts(paused).nextDueOn).toBeNull();
    const missed = {
      ...s,
      deadlines: s.deadlines.map((d) =>
        d.status === 'open' ? { ...d, status: 'missed' as const, missRecorded: true } : d,
      ),
    };
    expect(toPublicCaseFacts(missed).nextDueOn).toBe(toPublicCaseFacts(s).nextDueOn);
  });

  it('tells nothing but the status of a denunciation, classified or announced', () => {
    expect(toPublicCaseFacts(stateOf(acceptedDenunciation()))).toEqual({
      trackingCode: 'DT-2026-000001',
      status: 'accepted',
      receivedAt: null,
      handlingUnitId: null,
      nextDueOn: null,
    });
    expect(
      toPublicCaseFacts(stateOf(history([register({ kindHint: 'denunciation' })]))).receivedAt,
    ).toBeNull();
  });
});
