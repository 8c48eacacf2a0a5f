/** The own-rows rule of `/accountability` and `/reception-duty` (docs/reference/api-contract.md, Auth, roles and scope). */
import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../../security/src/index.js';
import { headRowsRule } from './head-rows.js';

const rows = [{ personId: 'head-a' }, { personId: 'head-b' }, { personId: null }];
const person = (id: string, roles: Principal['roles']): Principal => ({
  id,
  name: id,
  roles,
  unitId: 'unit-1',
});

describe('headRowsRule', () => {
  it('a head reads only the rows of their own terms', () => {
    const rule = headRowsRule(person('head-a', ['head']));
    expect(rule.ownRowsOnly).toBe(true);
    expect(rule.visible(rows)).toEqual([{ personId: 'head-a' }]);
  });

  it('a head who is also a supervisor or an admin reads every row', () => {
    for (const roles of [
      ['head', 'supervisor'],
      ['head', 'admin'],
    ] as Principal['roles'][]) {
      const rule = headRowsRule(person('head-a', roles));
      expect(rule.ownRowsOnly).toBe(false);
      expect(rule.visible(rows)).toEqual(rows);
    }
  });

  it('a supervisor and an auditor read every row, the headless one included', () => {
    for (const roles of [['supervisor'], ['auditor']] as Principal['roles'][])
      expect(headRowsRule(person('x', roles)).visible(rows)).toEqual(rows);
  });
});
