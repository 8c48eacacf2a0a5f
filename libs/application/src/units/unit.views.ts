import { type UnitState, headOn, nameOn, termsOf } from '../../../domain/src/index.js';

/** What a unit command answers: the unit's view after it, its version (ETag) and position. */
export type UnitCommandResult = NonNullable<ReturnType<typeof unitView>> & {
  version: number;
  position: number | undefined;
};

/**
 * The unit as the contract shows it: `from`, `ceasedOn` and `successorId` (a merger that has taken
 * effect), `mergesInto` (a merger still ahead of `today`: scheduled), `heads` and `delegates`. `date`
 * is the day asked about (names, head); `today` decides whether a recorded merger is still scheduled.
 */
export function unitView(s: UnitState, date: string, today: string = date) {
  if (s.status === 'none') return null;
  const head = headOn(s, date);
  const scheduled = s.status === 'merged' && s.mergedOn > today;
  const merged = s.status === 'merged' && !scheduled ? s : null;
  return {
    id: s.unitId,
    name: nameOn(s, date),
    level: s.level,
    parentId: s.parentId,
    from: s.from,
    ceasedOn: merged?.mergedOn ?? null,
    successorId: merged?.intoUnitId ?? null,
    mergesInto: s.status === 'merged' && scheduled ? { unitId: s.intoUnitId, effectiveOn: s.mergedOn } : null,
    createdAt: s.createdAt,
    status: s.status === 'merged' && date >= s.mergedOn ? 'merged' : 'active',
    mergedInto: merged?.intoUnitId ?? null,
    mergedOn: merged?.mergedOn ?? null,
    head: head ? { personId: head.personId, fullName: head.fullName, acting: head.acting } : null,
    // As of a date: only the terms and names that had begun by then (a merger ends the last term).
    heads: termsOf(s)
      .filter((t) => t.from <= date)
      .map((t) => ({
        personId: t.personId,
        fullName: t.fullName,
        acting: t.acting,
        from: t.from,
        to: t.to,
      })),
    names: s.names.filter((n) => n.from <= date || n === s.names[0]),
    // Delegations in force on `date` or later (who may record reception holds as a head's own).
    delegates: (s.delegations ?? [])
      .filter((d) => d.to === null || d.to >= date)
      .map((d) => ({ headPersonId: d.headPersonId, delegateId: d.delegateId, from: d.from, to: d.to })),
  };
}

/** What everyone may read of any unit (a letter can be routed out of scope): no heads, delegates or mergesInto. */
export function unitPublicView(s: UnitState, date: string, today: string = date) {
  const v = unitView(s, date, today);
  if (!v) return null;
  return {
    id: v.id,
    name: v.name,
    level: v.level,
    parentId: v.parentId,
    from: v.from,
    ceasedOn: v.ceasedOn,
    successorId: v.successorId,
    status: v.status,
  };
}
