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
  | 'exports';

const ABILITIES: Record<string, Ability[]> = {
  reception: ['register', 'classify', 'readCases', 'receptionSchedule'],
  handler: ['register', 'classify', 'command', 'readCases', 'identities'],
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
  ],
  supervisor: [
    'readCases',
    'boards',
    'accountability',
    'receptionDuty',
    'statistics',
    'lateEntries',
    'exports',
  ],
  // Auditors read the boards as of a date and as recorded before an instant (boards.read), not their CSV.
  auditor: ['readCases', 'history', 'audit', 'boards', 'receptionDuty', 'statistics', 'lateEntries'],
  admin: [
    'readCases',
    'boards',
    'accountability',
    'receptionDuty',
    'admin',
    'statistics',
    'lateEntries',
    'exports',
  ],
};

export function can(user: User | null, ability: Ability): boolean {
  return !!user && user.roles.some((r) => ABILITIES[r]?.includes(ability));
}
