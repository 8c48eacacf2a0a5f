import { describe, expect, it } from 'vitest';
import { can } from '../src/auth/permissions';
import { allPages } from '../src/components/common';
import { formatDate } from '../src/lib/format';
import { inspectionRights, isWithin, reportScheduleText } from '../src/lib/inspections';
import { lines, recommendationBodies } from '../src/pages/inspections/InspectionCommands';

// A province with a department and a commune; a second province beside it.
const units = [
  { id: 'tinh', parentId: null },
  { id: 'tinh-thanhtra', parentId: 'tinh' },
  { id: 'tinh-xa', parentId: 'tinh' },
  { id: 'khac', parentId: null },
];

describe('inspections: who may do what', () => {
  it('a unit is within another when it is that unit or below it', () => {
    expect(isWithin(units, 'tinh', 'tinh')).toBe(true);
    expect(isWithin(units, 'tinh', 'tinh-xa')).toBe(true);
    expect(isWithin(units, 'tinh-xa', 'tinh')).toBe(false);
    expect(isWithin(units, 'tinh', 'khac')).toBe(false);
    expect(isWithin(units, null, 'tinh')).toBe(false);
  });

  it('heads of the lead unit (or above) and admins lead; handlers and heads of the owner unit report', () => {
    const chair = inspectionRights({ roles: ['head'], unitId: 'tinh' }, units);
    expect([chair.decide, chair.lead('tinh-thanhtra'), chair.lead('khac'), chair.report('tinh-xa')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    const commune = inspectionRights({ roles: ['handler'], unitId: 'tinh-xa' }, units);
    expect([
      commune.decide,
      commune.lead('tinh-xa'),
      commune.report('tinh-xa'),
      commune.report('tinh'),
    ]).toEqual([false, false, true, false]);
    const admin = inspectionRights({ roles: ['admin'], unitId: null }, units);
    expect([admin.decide, admin.lead('khac'), admin.report('khac')]).toEqual([true, true, false]);
    const supervisor = inspectionRights({ roles: ['supervisor'], unitId: 'tinh' }, units);
    expect([supervisor.decide, supervisor.lead('tinh'), supervisor.report('tinh')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('every role but the reception desk reads inspections; the follow-up board is for those who read boards', () => {
    const user = (role: string) => ({ id: 'x', name: 'x', roles: [role], unitId: 'tinh' });
    expect(
      ['reception', 'handler', 'head', 'supervisor', 'auditor', 'admin'].map((r) =>
        can(user(r), 'inspections'),
      ),
    ).toEqual([false, true, true, true, true, true]);
    expect(['handler', 'head', 'supervisor', 'auditor'].map((r) => can(user(r), 'boards'))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('inspections: the forms', () => {
  it('sends a recommendation without a schedule or due date as neither field', () => {
    expect(
      recommendationBodies([
        { text: ' Thu hồi tiền ', ownerUnitId: 'tinh-xa', dueOn: '2027-03-31', schedule: '6m' },
        { text: 'Kiểm điểm', ownerUnitId: 'tinh-xa', dueOn: null, schedule: 'none' },
      ]),
    ).toEqual([
      { text: 'Thu hồi tiền', ownerUnitId: 'tinh-xa', dueOn: '2027-03-31', reportEvery: '6m' },
      { text: 'Kiểm điểm', ownerUnitId: 'tinh-xa' },
    ]);
  });

  it('takes a plan one action a line, without empty lines', () => {
    expect(lines(' Rà soát hồ sơ \n\n  Thu hồi \n')).toEqual(['Rà soát hồ sơ', 'Thu hồi']);
    expect(lines(undefined)).toEqual([]);
  });

  it('says the report schedule in words', () => {
    expect(reportScheduleText({ reportEvery: '3m' }, formatDate)).toBe('3 tháng một lần');
    expect(reportScheduleText({ reportDates: ['2027-03-31', '2027-06-30'] }, formatDate)).toBe(
      'Vào các ngày 31/03/2027, 30/06/2027',
    );
    expect(reportScheduleText({ reportEvery: null, reportDates: null }, formatDate)).toBe('Không định kỳ');
  });
});

describe('lists the API pages', () => {
  it('asks every page until a short one, so more units than one page holds all arrive', async () => {
    const all = Array.from({ length: 450 }, (_, n) => n);
    const asked: number[] = [];
    const items = await allPages(200, async (page) => {
      asked.push(page);
      return { items: all.slice((page - 1) * 200, page * 200), total: all.length };
    });
    expect(asked).toEqual([1, 2, 3]);
    expect(items).toEqual(all);
  });

  it('stops when the total has come, even on a full page', async () => {
    const asked: number[] = [];
    const items = await allPages(2, async (page) => {
      asked.push(page);
      return { items: page === 1 ? ['a', 'b'] : ['c', 'd'], total: 4 };
    });
    expect(asked).toEqual([1, 2]);
    expect(items).toEqual(['a', 'b', 'c', 'd']);
  });
});
