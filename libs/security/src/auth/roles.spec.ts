import { describe, it, expect } from '@jest/globals';
import { ForbiddenError } from './auth-error.js';
import {
  PERMISSIONS,
  ROLES,
  can,
  mayReadIdentities,
  permissionsOf,
  requirePermission,
  toActor,
  type Permission,
  type Principal,
  type Role,
} from './roles.js';
import { inScope, scopeOf } from './scope.js';

const who = (roles: Role[], unitId: string | null = 'u-prov', id = 'p-1'): Principal => ({
  id,
  name: 'X',
  roles,
  unitId,
});

/** The expected matrix, written out in full so that a change to roles.ts has to change this too. */
const MATRIX: Record<Role, Permission[]> = {
  reception: [
    'case.register',
    'case.classify',
    'case.transfer',
    'case.guide',
    'case.archive',
    'case.pin',
    'case.papers',
    'reception.schedule',
    'case.read',
  ],
  handler: [
    'case.register',
    'case.classify',
    'case.transfer',
    'case.guide',
    'case.archive',
    'case.pin',
    'case.papers',
    'case.command',
    'case.record',
    'case.read',
    'identities.read',
  ],
  head: [
    'case.register',
    'case.classify',
    'case.transfer',
    'case.guide',
    'case.archive',
    'case.pin',
    'case.papers',
    'case.command',
    'case.record',
    'case.read',
    'identities.read',
    'reception.schedule',
    'reception.hold',
    'boards.read',
    'statistics.read',
  ],
  supervisor: [
    'case.read',
    'boards.read',
    'accountability.read',
    'statistics.read',
    'exports.read',
    'late-entries.read',
  ],
  auditor: [
    'case.read',
    'case.read.history',
    'case.read.asOf',
    'boards.read',
    'disclosures.read',
    'audit.verify',
    'statistics.read',
    'late-entries.read',
  ],
  admin: [
    'case.read',
    'boards.read',
    'accountability.read',
    'statistics.read',
    'exports.read',
    'late-entries.read',
    'units.manage',
    'vault.erase',
    'admin.import',
    'apikeys.manage',
  ],
};

describe('role/permission matrix', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = MATRIX[role].includes(permission);
      it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(who([role]), permission)).toBe(expected);
      });
    }
  }

  it('a head may do everything a handler may', () => {
    for (const p of MATRIX.handler) expect(can(who(['head']), p)).toBe(true);
  });

  it('an admin may do everything a supervisor may', () => {
    for (const p of MATRIX.supervisor) expect(can(who(['admin'], null), p)).toBe(true);
  });

  it('only the auditor reads history, as-of views and the disclosures log', () => {
    for (const p of ['case.read.history', 'case.read.asOf', 'disclosures.read'] as const) {
      expect(ROLES.filter((r) => can(who([r]), p))).toEqual(['auditor']);
    }
  });

  it('combines several roles and ignores unknown ones', () => {
    expect(permissionsOf(['reception', 'auditor', 'root'])).toEqual(
      new Set([...MATRIX.reception, ...MATRIX.auditor]),
    );
    expect(can({ roles: ['root'] as unknown as Role[] }, 'case.read')).toBe(false);
  });

  it('requirePermission throws FORBIDDEN', () => {
    expect(() => requirePermission(who(['supervisor']), 'case.command')).toThrow(ForbiddenError);
    try {
      requirePermission(who(['supervisor']), 'vault.erase');
    } catch (e) {
      expect((e as ForbiddenError).code).toBe('FORBIDDEN');
    }
    expect(() => requirePermission(who(['handler']), 'case.command')).not.toThrow();
  });
});

describe('who may see petitioners in clear', () => {
  const denunciation = { confidential: true, handlerId: 'h-1', competentUnitId: 'u-comp' };
  const complaint = { ...denunciation, confidential: false };

  it('denunciation: only the assigned handler and a head of the competent unit', () => {
    expect(mayReadIdentities(who(['handler'], 'u-comp', 'h-1'), denunciation)).toBe(true);
    expect(mayReadIdentities(who(['handler'], 'u-comp', 'h-2'), denunciation)).toBe(false);
    expect(mayReadIdentities(who(['head'], 'u-comp', 'boss'), denunciation)).toBe(true);
    expect(mayReadIdentities(who(['head'], 'u-parent', 'boss'), denunciation)).toBe(false);
    expect(mayReadIdentities(who(['auditor'], 'u-comp', 'h-1'), denunciation)).toBe(false);
    expect(mayReadIdentities(who(['admin'], null), denunciation)).toBe(false);
    expect(mayReadIdentities(who(['handler'], 'u-comp', 'h-1'), { ...denunciation, handlerId: null })).toBe(
      false,
    );
  });

  it('other kinds: handlers and heads (scope is checked by the caller)', () => {
    expect(mayReadIdentities(who(['handler'], 'u-x', 'h-9'), complaint)).toBe(true);
    expect(mayReadIdentities(who(['head'], 'u-x'), complaint)).toBe(true);
    expect(mayReadIdentities(who(['reception']), complaint)).toBe(false);
    expect(mayReadIdentities(who(['supervisor']), complaint)).toBe(false);
  });
});

describe('unit scope', () => {
  // prov ─┬─ dept ── commune
  //       └─ other
  const children: Record<string, string[]> = { prov: ['dept', 'other'], dept: ['commune'] };
  const subtreeOf = (unitId: string): Set<string> => {
    const out = new Set<string>([unitId]);
    for (const c of children[unitId] ?? []) for (const u of subtreeOf(c)) out.add(u);
    return out;
  };

  it('admin sees everything', () => {
    expect(inScope(who(['admin'], null), ['elsewhere'], subtreeOf)).toBe(true);
    expect(scopeOf(who(['admin'], null), subtreeOf)).toBe('all');
  });

  it('a case is in scope when its receiving or competent unit is in the subtree', () => {
    const p = who(['handler'], 'dept');
    expect(inScope(p, ['commune', null], subtreeOf)).toBe(true);
    expect(inScope(p, ['prov', 'dept'], subtreeOf)).toBe(true);
    expect(inScope(p, ['prov', 'other'], subtreeOf)).toBe(false);
    expect(inScope(p, [null, null], subtreeOf)).toBe(false);
    expect(inScope(who(['supervisor'], 'prov'), ['commune'], subtreeOf)).toBe(true);
  });

  it('the own unit counts even when subtreeOf leaves it out', () => {
    expect(inScope(who(['handler'], 'dept'), ['dept'], () => new Set())).toBe(true);
  });

  it('a non-admin without a unit sees nothing', () => {
    expect(inScope(who(['supervisor'], null), ['prov'], subtreeOf)).toBe(false);
  });
});

describe('toActor', () => {
  it('drops a null unit', () => {
    expect(toActor(who(['admin'], null))).toEqual({ id: 'p-1', name: 'X', roles: ['admin'] });
    expect(toActor(who(['handler'], 'u'))).toEqual({ id: 'p-1', name: 'X', roles: ['handler'], unitId: 'u' });
  });
});
