import { can, type Principal } from '../../../security/src/index.js';

/**
 * Which rows of a per-head report a person reads (`/accountability` and `/reception-duty`;
 * docs/reference/api-contract.md, Auth, roles and scope): a head reads the rows of their own terms;
 * whoever may read accountability (supervisors, admins), and a role that is no head (an auditor's
 * as-of view of `/reception-duty`), reads every row. The one rule both reports apply.
 */
export function headRowsRule(principal: Principal): {
  /** Only the rows of the person's own terms. */
  ownRowsOnly: boolean;
  /** The rows the person may read. */
  visible<T extends { personId: string | null }>(items: T[]): T[];
} {
  const ownRowsOnly = !can(principal, 'accountability.read') && principal.roles.includes('head');
  return {
    ownRowsOnly,
    visible: (items) => (ownRowsOnly ? items.filter((i) => i.personId === principal.id) : items),
  };
}
