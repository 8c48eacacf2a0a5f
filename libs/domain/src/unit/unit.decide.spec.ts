import { describe, expect, it } from '@jest/globals';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { DecideContext } from '../shared/decide-context.js';
import { DomainError, type DomainErrorCode } from '../shared/domain-error.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type { UnitCommand } from './unit.commands.js';
import { decideUnit } from './unit.decide.js';
import { unitStreamId, type UnitEvent } from './unit.events.js';
import { delegatesOn, headOn, isActiveOn, nameOn, termsOverlapping } from './unit.queries.js';
import { evolveUnit, foldUnit, initialUnitState, type UnitState } from './unit.state.js';

const calendar = createTestCalendar();
const rules = createRuleBook();
const ctx = (today = '2026-06-30'): DecideContext => ({
  now: `${today}T03:00:00.000Z`,
  today,
  calendar,
  rules,
});

/** given events / when command / then events or error: the one DeciderSpecification of libs/domain. */
const specOn = (today = '2026-06-30') =>
  DeciderSpecification.for<UnitCommand, UnitEvent, UnitState>({
    decide: (command, state) => decideUnit(command, state, ctx(today)),
    evolve: evolveUnit,
    initialState: initialUnitState,
  });
const spec = specOn();

const created = (over: Partial<Extract<UnitEvent, { type: 'UnitCreated' }>['data']> = {}): UnitEvent => ({
  type: 'UnitCreated',
  data: {
    unitId: 'xa-an-phu',
    name: 'UBND xã An Phú',
    level: 'commune',
    parentId: 'tinh-a',
    createdAt: '2025-07-01',
    ...over,
  },
});
const appointed = (personId: string, from: string, acting = false): UnitEvent => ({
  type: 'HeadAppointed',
  data: { personId, fullName: `Người ${personId}`, from, acting },
});
const renamed = (name: string, on: string): UnitEvent => ({ type: 'UnitRenamed', data: { name, on } });
const merged = (intoUnitId: string, effectiveOn: string): UnitEvent => ({
  type: 'UnitMerged',
  data: { intoUnitId, effectiveOn },
});

describe('unit stream', () => {
  it('builds stream ids in one place', () => expect(unitStreamId('u1')).toBe('unit-u1'));

  describe('CreateUnit', () => {
    const create = (
      data: Partial<Extract<UnitCommand, { type: 'CreateUnit' }>['data']> = {},
    ): UnitCommand => ({
      type: 'CreateUnit',
      data: {
        unitId: 'u1',
        name: 'Sở Tư pháp',
        level: 'department',
        parentId: null,
        createdAt: '2026-06-30',
        ...data,
      },
    });

    it('creates a unit', () =>
      spec
        .given([])
        .when(create())
        .then([
          {
            type: 'UnitCreated',
            data: {
              unitId: 'u1',
              name: 'Sở Tư pháp',
              level: 'department',
              parentId: null,
              createdAt: '2026-06-30',
            },
          },
        ]));

    it('refuses to create a unit twice', () =>
      spec.given([created()]).when(create()).thenThrows('ILLEGAL_TRANSITION'));

    it.each([
      [{ name: '  ' }, 'name'],
      [{ level: 'district' as never }, 'level'],
      [{ parentId: 'u1' }, 'parentId'],
      [{ createdAt: '2026-07-01' }, 'createdAt'],
      [{ createdAt: '2026-02-30' }, 'createdAt'],
    ])('rejects bad input %j', (data, path) =>
      spec.given([]).when(create(data)).thenThrows('VALIDATION_FAILED', path),
    );

    it('answers NOT_FOUND for any other command on a unit that does not exist', () =>
      spec
        .given([])
        .when({ type: 'RenameUnit', data: { name: 'X', on: '2026-06-01' } })
        .thenThrows('NOT_FOUND'));
  });

  describe('head terms over time', () => {
    const history = [
      created(),
      appointed('p1', '2025-07-01'),
      appointed('p2', '2026-03-16', true),
      appointed('p3', '2026-05-04'),
    ];
    const state = foldUnit(history);

    it('ends the previous term the day before the new one starts', () =>
      expect(termsOverlapping(state, '2025-01-01', '2026-12-31')).toEqual([
        { personId: 'p1', fullName: 'Người p1', acting: false, from: '2025-07-01', to: '2026-03-15' },
        { personId: 'p2', fullName: 'Người p2', acting: true, from: '2026-03-16', to: '2026-05-03' },
        { personId: 'p3', fullName: 'Người p3', acting: false, from: '2026-05-04', to: null },
      ]));

    it('answers who headed the unit on a day', () => {
      expect(headOn(state, '2025-06-30')).toBeNull();
      expect(headOn(state, '2026-03-15')).toEqual({ personId: 'p1', fullName: 'Người p1', acting: false });
      expect(headOn(state, '2026-03-16')).toEqual({ personId: 'p2', fullName: 'Người p2', acting: true });
      expect(headOn(state, '2026-05-03')?.personId).toBe('p2');
      expect(headOn(state, '2030-01-01')?.personId).toBe('p3');
    });

    it('lists only the terms overlapping a period, unclipped', () => {
      expect(termsOverlapping(state, '2026-04-01', '2026-04-30').map((t) => t.personId)).toEqual(['p2']);
      expect(termsOverlapping(state, '2026-03-15', '2026-03-16').map((t) => t.personId)).toEqual([
        'p1',
        'p2',
      ]);
      expect(termsOverlapping(state, '2026-05-03', '2026-05-04')[1]).toMatchObject({
        personId: 'p3',
        from: '2026-05-04',
        to: null,
      });
    });

    it('appoints a head from a later date', () =>
      expect(
        spec
          .given(history)
          .when({
            type: 'AppointHead',
            data: { personId: 'p4', fullName: 'Trần Văn D', from: '2026-06-01', acting: false },
          })
          .events(),
      ).toEqual([
        {
          type: 'HeadAppointed',
          data: { personId: 'p4', fullName: 'Trần Văn D', from: '2026-06-01', acting: false },
        },
      ]));

    it('rejects a term starting before the current one', () =>
      spec
        .given(history)
        .when({
          type: 'AppointHead',
          data: { personId: 'p4', fullName: 'D', from: '2026-05-03', acting: false },
        })
        .thenThrows('VALIDATION_FAILED', 'from'));

    it('replaces the current term when the new one starts on the same day (no empty term)', () => {
      const s = foldUnit([...history, appointed('p4', '2026-05-04')]);
      expect(termsOverlapping(s, '2026-05-01', '2026-12-31').map((t) => [t.personId, t.from, t.to])).toEqual([
        ['p2', '2026-03-16', '2026-05-03'],
        ['p4', '2026-05-04', null],
      ]);
    });

    it('accepts an appointment dated ahead (a head’s from is a schedule, docs/reference/api-contract.md)', () =>
      expect(
        spec
          .given(history)
          .when({
            type: 'AppointHead',
            data: { personId: 'p4', fullName: 'D', from: '2026-07-01', acting: false },
          })
          .events(),
      ).toEqual([
        { type: 'HeadAppointed', data: { personId: 'p4', fullName: 'D', from: '2026-07-01', acting: false } },
      ]));

    it('rejects an appointment before the unit exists', () =>
      spec
        .given([created({ from: '2025-07-01' })])
        .when({
          type: 'AppointHead',
          data: { personId: 'p4', fullName: 'D', from: '2025-06-30', acting: false },
        })
        .thenThrows('VALIDATION_FAILED', 'from'));
  });

  describe('names over time', () => {
    const state = foldUnit([
      created(),
      renamed('UBND phường An Phú', '2026-01-01'),
      renamed('UBND phường An Phú Đông', '2026-04-01'),
    ]);

    it('keeps the name in force on each date', () => {
      expect(nameOn(state, '2025-12-31')).toBe('UBND xã An Phú');
      expect(nameOn(state, '2026-01-01')).toBe('UBND phường An Phú');
      expect(nameOn(state, '2026-03-31')).toBe('UBND phường An Phú');
      expect(nameOn(state, '2026-04-01')).toBe('UBND phường An Phú Đông');
      expect(nameOn(state, '2020-01-01')).toBe('UBND xã An Phú');
      expect(nameOn(foldUnit([]), '2026-01-01')).toBeNull();
    });

    it('rejects a rename dated before the current name took effect', () =>
      spec
        .given([created(), renamed('B', '2026-04-01')])
        .when({
          type: 'RenameUnit',
          data: { name: 'C', on: '2026-03-31' },
        })
        .thenThrows('VALIDATION_FAILED', 'on'));

    it('rejects a rename to the current name', () =>
      spec
        .given([created()])
        .when({ type: 'RenameUnit', data: { name: 'UBND xã An Phú', on: '2026-06-30' } })
        .thenThrows('VALIDATION_FAILED', 'name'));

    it('lets a second rename on the same day supersede the first', () => {
      const s = foldUnit([created(), renamed('B', '2026-04-01'), renamed('C', '2026-04-01')]);
      expect(nameOn(s, '2026-04-01')).toBe('C');
      expect(nameOn(s, '2026-03-31')).toBe('UBND xã An Phú');
    });
  });

  describe('merger', () => {
    const history = [created(), appointed('p1', '2025-07-01')];

    it('merges the unit into its successor', () =>
      expect(
        spec
          .given(history)
          .when({
            type: 'MergeUnit',
            data: { intoUnitId: 'phuong-b', effectiveOn: '2026-06-01' },
          })
          .events(),
      ).toEqual([
        {
          type: 'UnitMerged',
          data: { intoUnitId: 'phuong-b', effectiveOn: '2026-06-01', recordedOn: '2026-06-30' },
        },
      ]));

    it('rejects a merger into itself', () =>
      spec
        .given(history)
        .when({
          type: 'MergeUnit',
          data: { intoUnitId: 'xa-an-phu', effectiveOn: '2026-06-01' },
        })
        .thenThrows('VALIDATION_FAILED', 'intoUnitId'));

    it('rejects a merger on or before the latest appointment', () =>
      spec
        .given(history)
        .when({ type: 'MergeUnit', data: { intoUnitId: 'b', effectiveOn: '2025-07-01' } })
        .thenThrows('VALIDATION_FAILED', 'effectiveOn'));

    describe('a merged unit', () => {
      const after = [
        created({ from: '2025-07-01' }),
        appointed('p1', '2025-07-01'),
        renamed('UBND xã An Phú (cũ)', '2026-01-01'),
        merged('phuong-b', '2026-06-01'),
      ];
      const state = foldUnit(after);

      it('has no head from the effective date; the last term ends the day before', () => {
        expect(headOn(state, '2026-05-31')?.personId).toBe('p1');
        expect(headOn(state, '2026-06-01')).toBeNull();
        expect(termsOverlapping(state, '2026-01-01', '2026-12-31')).toEqual([
          { personId: 'p1', fullName: 'Người p1', acting: false, from: '2025-07-01', to: '2026-05-31' },
        ]);
      });

      it('is active until the day before the merger', () => {
        expect(isActiveOn(state, '2025-06-30')).toBe(false);
        expect(isActiveOn(state, '2025-07-01')).toBe(true);
        expect(isActiveOn(state, '2026-05-31')).toBe(true);
        expect(isActiveOn(state, '2026-06-01')).toBe(false);
        expect(isActiveOn(foldUnit(history), '2030-01-01')).toBe(true);
      });

      it('keeps its historic names', () => expect(nameOn(state, '2026-05-31')).toBe('UBND xã An Phú (cũ)'));

      it.each<UnitCommand>([
        { type: 'RenameUnit', data: { name: 'X', on: '2026-06-15' } },
        { type: 'AppointHead', data: { personId: 'p9', fullName: 'X', from: '2026-06-15', acting: false } },
        { type: 'MergeUnit', data: { intoUnitId: 'c', effectiveOn: '2026-06-15' } },
        {
          type: 'CreateUnit',
          data: { unitId: 'xa-an-phu', name: 'X', level: 'commune', parentId: null, createdAt: '2026-06-15' },
        },
      ])('rejects $type with ILLEGAL_TRANSITION', (cmd) =>
        spec.given(after).when(cmd).thenThrows('ILLEGAL_TRANSITION'),
      );
    });
  });

  it('folds deterministically (replaying the same events twice gives the same state)', () => {
    const events = [
      created(),
      appointed('p1', '2025-07-01'),
      renamed('B', '2026-01-01'),
      merged('c', '2026-02-01'),
    ];
    expect(events.reduce(evolveUnit, foldUnit([]))).toEqual(foldUnit(events));
    expect(JSON.parse(JSON.stringify(foldUnit(events)))).toEqual(foldUnit(events));
  });
});

describe('units over time (docs/reference/api-contract.md: from, past and scheduled mergers, delegates)', () => {
  const today = '2026-12-06';
  const c = ctx(today);
  // The decided events for a context (the error checked by expectError).
  const given = (events: UnitEvent[]) => ({
    when: (cmd: UnitCommand, context: DecideContext = c) => decideUnit(cmd, foldUnit(events), context),
  });
  function expectError(run: () => unknown, code: DomainErrorCode, path?: string): void {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe(code);
    if (path !== undefined) expect((caught as DomainError).path).toBe(path);
  }
  const createdToday = created({ createdAt: today });
  const merge = (effectiveOn: string): UnitCommand => ({
    type: 'MergeUnit',
    data: { intoUnitId: 'phuong-b', effectiveOn },
  });

  it('creates a unit that began earlier, or begins ahead', () => {
    expect(
      given([]).when(
        {
          type: 'CreateUnit',
          data: {
            unitId: 'xa-moi',
            name: 'UBND xã Mới',
            level: 'commune',
            parentId: 'tinh-a',
            createdAt: today,
            from: '2025-07-01',
          },
        },
        c,
      )[0]!.data,
    ).toMatchObject({ from: '2025-07-01', createdAt: today });
    expect(foldUnit([created({ createdAt: today, from: '2027-01-01' })])).toMatchObject({
      from: '2027-01-01',
    });
    expect(foldUnit([createdToday])).toMatchObject({ from: '1990-01-01' });
  });

  it('merges a unit created today on a past date (the 1 July 2025 reform) and on a date ahead', () => {
    expect(given([createdToday]).when(merge('2025-07-01'), c)[0]!.data).toEqual({
      intoUnitId: 'phuong-b',
      effectiveOn: '2025-07-01',
      recordedOn: today,
    });
    expect(given([createdToday]).when(merge('2027-01-01'), c)[0]!.data).toMatchObject({
      effectiveOn: '2027-01-01',
    });
  });

  it('refuses a merger on or before the unit’s from', () =>
    expectError(
      () => given([created({ createdAt: today, from: '2025-07-01' })]).when(merge('2025-07-01'), c),
      'VALIDATION_FAILED',
      'effectiveOn',
    ));

  describe('a scheduled merger', () => {
    const scheduled = [createdToday, appointed('p1', '2026-01-01'), merged('phuong-b', '2027-01-01')];

    it('keeps the unit active and its head in office until the day before', () => {
      const s = foldUnit(scheduled);
      expect(isActiveOn(s, '2026-12-31')).toBe(true);
      expect(isActiveOn(s, '2027-01-01')).toBe(false);
      expect(headOn(s, '2026-12-31')?.personId).toBe('p1');
      expect(headOn(s, '2027-01-01')).toBeNull();
    });

    it('allows one per unit', () =>
      expectError(() => given(scheduled).when(merge('2027-02-01'), c), 'ILLEGAL_TRANSITION'));

    it('allows acts before its date, not a head beginning on or after it', () => {
      expect(
        given(scheduled).when(
          { type: 'AppointHead', data: { personId: 'p2', fullName: 'B', from: today, acting: true } },
          c,
        ),
      ).toHaveLength(1);
      expectError(
        () =>
          given(scheduled).when(
            {
              type: 'AppointHead',
              data: { personId: 'p2', fullName: 'B', from: '2027-01-01', acting: false },
            },
            c,
          ),
        'VALIDATION_FAILED',
        'from',
      );
    });

    it('refuses every act from its effectiveOn, even before the worker has run', () =>
      expectError(
        () =>
          given(scheduled).when(
            { type: 'RenameUnit', data: { name: 'X', on: '2027-01-01' } },
            ctx('2027-01-01'),
          ),
        'ILLEGAL_TRANSITION',
      ));

    it('is withdrawn before its date with a reason; the head term runs on', () => {
      const cancel: UnitCommand = { type: 'CancelUnitMerger', data: { reason: 'Nghị quyết bị hoãn' } };
      const events = given(scheduled).when(cancel, c);
      expect(events).toEqual([
        {
          type: 'UnitMergerCancelled',
          data: { intoUnitId: 'phuong-b', effectiveOn: '2027-01-01', reason: 'Nghị quyết bị hoãn' },
        },
      ]);
      const s = foldUnit([...scheduled, ...events]);
      expect(s.status).toBe('active');
      expect(headOn(s, '2027-06-01')?.personId).toBe('p1');
      expectError(() => given([...scheduled, ...events]).when(cancel, c), 'ILLEGAL_TRANSITION');
      expectError(
        () => given(scheduled).when({ type: 'CancelUnitMerger', data: { reason: '' } }, c),
        'VALIDATION_FAILED',
        'reason',
      );
      expectError(() => given(scheduled).when(cancel, ctx('2027-01-01')), 'ILLEGAL_TRANSITION');
    });
  });

  describe('delegates', () => {
    const withHead = [createdToday, appointed('p1', '2026-01-01')];
    const name = (
      over: Partial<{ delegateId: string; from: string; to: string | null; headPersonId: string }> = {},
    ) =>
      ({
        type: 'NameDelegate',
        data: { headPersonId: 'p1', delegateId: 'thu-ky', from: today, to: null, ...over },
      }) as UnitCommand;

    it('names a delegate from today; the delegation is in force until ended', () => {
      const events = given(withHead).when(name(), c);
      expect(events).toEqual([
        { type: 'DelegateNamed', data: { headPersonId: 'p1', delegateId: 'thu-ky', from: today, to: null } },
      ]);
      const s = foldUnit([...withHead, ...events]);
      expect(delegatesOn(s, 'p1', today).map((d) => d.delegateId)).toEqual(['thu-ky']);
      expect(delegatesOn(s, 'p1', '2026-12-05')).toEqual([]);
      expect(delegatesOn(s, 'p2', today)).toEqual([]);
      const ended = given([...withHead, ...events]).when(
        { type: 'EndDelegation', data: { headPersonId: 'p1', delegateId: 'thu-ky' } },
        ctx('2026-12-10'),
      );
      expect(ended).toEqual([
        { type: 'DelegationEnded', data: { headPersonId: 'p1', delegateId: 'thu-ky', to: '2026-12-09' } },
      ]);
      const after = foldUnit([...withHead, ...events, ...ended]);
      expect(delegatesOn(after, 'p1', '2026-12-09')).toHaveLength(1);
      expect(delegatesOn(after, 'p1', '2026-12-10')).toEqual([]);
    });

    it.each([
      [{ from: '2026-12-05' }, 'from'],
      [{ to: '2026-12-05', from: today }, 'to'],
      [{ delegateId: 'p1' }, 'delegateId'],
      [{ headPersonId: 'nobody' }, 'headPersonId'],
    ])('refuses %j', (over, path) =>
      expectError(() => given(withHead).when(name(over), c), 'VALIDATION_FAILED', path),
    );

    it('cannot end a delegation that does not exist', () =>
      expectError(
        () =>
          given(withHead).when({ type: 'EndDelegation', data: { headPersonId: 'p1', delegateId: 'x' } }, c),
        'NOT_FOUND',
      ));
  });
});
