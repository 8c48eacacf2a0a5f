import type { Runtime } from '../../../runtime/src/index.js';
import { toActor, type Principal } from '../../../security/src/index.js';
import { handleCommandWithRetries } from '../commands/handle-command.js';

/** Every disclosure of a case's identities is recorded in `disclosure-<caseId>` (not the case stream). */
export const disclosureStreamId = (caseId: string): string => `disclosure-${caseId}`;

export interface Disclosure {
  caseId: string;
  /** Who saw the identities. */
  to: Principal;
  reasonCode: string;
  reason: string;
  confidential: boolean;
  personRefs: string[];
  /** The paper that printed the names (`<kind>.pdf`); absent for a GET /petitioners. */
  document?: string;
}

/**
 * Records a disclosure through the one command loop, before any identity is answered: a failure to
 * record it fails the request. Each disclosure is a new event at the end of the stream (a conflict
 * with another disclosure of the same case re-reads and appends after it).
 */
export async function recordDisclosure(
  runtime: Runtime,
  d: Disclosure,
  correlationId: string,
  onAppended?: () => void,
): Promise<void> {
  await handleCommandWithRetries(
    runtime,
    disclosureStreamId(d.caseId),
    (_history, ctx) => [
      {
        type: 'IdentityDisclosed',
        data: {
          caseId: d.caseId,
          disclosedTo: { id: d.to.id, name: d.to.name, roles: d.to.roles, unitId: d.to.unitId },
          reasonCode: d.reasonCode,
          reason: d.reason,
          ...(d.document !== undefined ? { document: d.document } : {}),
          at: ctx.now,
          confidential: d.confidential,
          personRefs: d.personRefs,
        },
      },
    ],
    { actor: toActor(d.to), correlationId },
    onAppended,
  );
}
