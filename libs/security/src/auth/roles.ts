import type { Actor } from '../../../domain/src/index.js';
import { ForbiddenError } from './auth-error.js';

export const ROLES = ['reception', 'handler', 'head', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** POST /cases */
  'case.register',
  'case.classify',
  'case.transfer',
  'case.guide',
  'case.archive',
  /** POST /cases/:id/pin — a new lookup PIN for the citizen */
  'case.pin',
  /** GET|POST /cases/:id/documents/<kind>.pdf — the official papers (names only as identities allow) */
  'case.papers',
  /** every other case command: accept, reject, assign, extend, suspend, resume, resolve, withdraw,
   * terminate, close, dialogues */
  'case.command',
  /** GET /cases/:id/record — the case's record for transfer to another unit's system (docs/exchange.md) */
  'case.record',
  /** GET /cases/:id, GET /cases (list), GET /cases/:id/dialogues — identities masked */
  'case.read',
  /** GET /cases/:id/history */
  'case.read.history',
  /** GET /cases/:id?asOf=<instant> */
  'case.read.asOf',
  /** POST /reception-sessions, …/cancel */
  'reception.schedule',
  /** POST /reception-sessions/:id/hold */
  'reception.hold',
  /**
   * deadlines/overdue, deadlines/upcoming, deadlines/unclassified, reception-duty, inspections/follow-up,
   * each with `asOf` and `recordedBefore` (auditors too: "as-of views of cases and of boards")
   */
  'boards.read',
  'accountability.read',
  /** GET /statistics, /statistics/cases and their XLSX / CSV exports (no personal data) */
  'statistics.read',
  'exports.read',
  /** GET /cases/:id/disclosures */
  'disclosures.read',
  /** GET /late-entries: acts recorded after their grace (docs/reference/deadlines.md §9) */
  'late-entries.read',
  /** hash-chain verification */
  'audit.verify',
  /** units, heads, mergers */
  'units.manage',
  /** personal-data erasure (crypto-shredding) */
  'vault.erase',
  /** POST /admin/import: history handled before donthu (docs/reference/deadlines.md §9) */
  'admin.import',
  /** Open311 API keys: issue, list, revoke (docs/open311.md) */
  'apikeys.manage',
  /** GET /cases/:id/petitioners — further limited per case by `mayReadIdentities` */
  'identities.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const RECEPTION: readonly Permission[] = [
  'case.register',
  'case.classify',
  'case.transfer',
  'case.guide',
  'case.archive',
  'case.pin',
  'case.papers',
  'reception.schedule',
  'case.read',
];
const HANDLER: readonly Permission[] = [
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
];
// docs/reference/api-contract.md, Reception sessions and reception duty: a head schedules, holds (as host), cancels and corrects the sessions of their unit.
const HEAD: readonly Permission[] = [
  ...HANDLER,
  'reception.schedule',
  'reception.hold',
  'boards.read',
  'statistics.read',
];
const SUPERVISOR: readonly Permission[] = [
  'case.read',
  'boards.read',
  'accountability.read',
  'statistics.read',
  'exports.read',
  'late-entries.read',
];
// docs/reference/api-contract.md, Auth, roles and scope: an auditor reads the as-of views of cases and of
// boards (`asOf`, `recordedBefore`), in their scope; a board is always the view as of a date. No exports.
const AUDITOR: readonly Permission[] = [
  'case.read',
  'case.read.history',
  'case.read.asOf',
  'boards.read',
  'disclosures.read',
  'audit.verify',
  'statistics.read',
  'late-entries.read',
];
const ADMIN: readonly Permission[] = [
  ...SUPERVISOR,
  'units.manage',
  'vault.erase',
  'admin.import',
  'apikeys.manage',
];

/** docs/reference/api-contract.md "Auth, roles and scope", as data. docs/security.md explains each choice. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  reception: new Set(RECEPTION),
  handler: new Set(HANDLER),
  head: new Set(HEAD),
  supervisor: new Set(SUPERVISOR),
  auditor: new Set(AUDITOR),
  admin: new Set(ADMIN),
};

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The authenticated person. `unitId` is null only for an admin without a unit. */
export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  unitId: string | null;
}

/** The union of the permissions of `roles` (unknown roles grant nothing). */
export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const all = new Set<Permission>();
  for (const role of roles) if (isRole(role)) for (const p of ROLE_PERMISSIONS[role]) all.add(p);
  return all;
}

export function can(principal: Pick<Principal, 'roles'>, permission: Permission): boolean {
  return principal.roles.some((role) => isRole(role) && ROLE_PERMISSIONS[role].has(permission));
}

/** Throws `ForbiddenError` (403) unless the principal has the permission. */
export function requirePermission(principal: Pick<Principal, 'roles'>, permission: Permission): void {
  if (!can(principal, permission)) throw new ForbiddenError(`requires ${permission}`);
}

/** What a case must tell about itself to decide who may see its petitioners in clear. */
export interface IdentityGuardFacts {
  /** A denunciation (or any petitioner flagged confidential). */
  confidential: boolean;
  handlerId: string | null;
  competentUnitId: string | null;
}

/**
 * GET /cases/:id/petitioners (the case must already be in the principal's scope). Denunciation: only
 * the assigned handler and a head of the competent unit. Other kinds: handlers and heads in scope.
 */
export function mayReadIdentities(principal: Principal, facts: IdentityGuardFacts): boolean {
  if (!can(principal, 'identities.read')) return false;
  if (!facts.confidential) return true;
  if (facts.handlerId !== null && principal.id === facts.handlerId) return true;
  return (
    principal.roles.includes('head') &&
    facts.competentUnitId !== null &&
    principal.unitId === facts.competentUnitId
  );
}

/** The actor recorded in event metadata. */
export function toActor(principal: Principal): Actor {
  const actor: Actor = { id: principal.id, name: principal.name, roles: [...principal.roles] };
  if (principal.unitId !== null) actor.unitId = principal.unitId;
  return actor;
}
