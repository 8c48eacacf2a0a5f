import type { User } from './session';

/** What each role may do (docs/reference/api-contract.md "Auth, roles and scope"; libs/security roles.ts is the server's truth). */
export type Ability =
  | 'register'
  | 'classify'
  | 'command'
  | 'assign'
  | 'readCases'
  | 'boards'
  | 'accountability'
  | 'receptionSchedule'
  | 'receptionHold'
  | 'receptionDuty'
  | 'history'
  | 'audit'
  | 'admin'
  | 'identities'
  | 'statistics'
  | 'lateEntries'
  | 'exports'
  | 'inspections';

const ABILITIES: Record<string, Ability[]> = {
  reception: ['register', 'classify', 'readCases', 'receptionSchedule'],
  handler: ['register', 'classify', 'command', 'readCases', 'identities', 'inspections'],
  head: [
    'register',
    'classify',
    'command',
    'assign',
    'readCases',
    'identities',
    'boards',
    'accountability',
    'receptionSchedule',
    'receptionHold',
    'receptionDuty',
    'statistics',
    'inspections',
  ],
  supervisor: [
    'readCases',
    'boards',
    'accountability',
    'receptionDuty',
    'statistics',
    'lateEntries',
    'exports',
    'inspections',
  ],
  // Auditors read the boards as of a date and as recorded before an instant (boards.read), not their CSV.
  auditor: [
    'readCases',
    'history',
    'audit',
    'boards',
    'receptionDuty',
    'statistics',
    'lateEntries',
    'inspections',
  ],
  admin: [
    'readCases',
    'boards',
    'accountability',
    'receptionDuty',
    'admin',
    'statistics',
    'lateEntries',
    'exports',
    'inspections',
  ],
};

export function can(user: User | null, ability: Ability): boolean {
  return !!user && user.roles.some((r) => ABILITIES[r]?.includes(ability));
}
