import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';

/** What GET /cases/:id/petitioners answers: the identities in clear (the erased as a mask). */
export interface DisclosedIdentities {
  caseId: string;
  items: {
    personRef: string;
    fullName: string;
    idNumber?: string;
    phone?: string;
    address?: string;
    erased?: boolean;
    representative: boolean;
  }[];
}

/**
 * Open a case's identities for the caller, recorded as a disclosure first (Luật Tố cáo Art. 8(3), 47,
 * 56): a command on the bus although it answers a GET, since it writes the disclosure log.
 */
export class DiscloseIdentities extends ApplicationCommand<DisclosedIdentities> {
  static override readonly stream: string = 'disclosure';
  constructor(
    readonly caseId: string,
    readonly reasonCode: string,
    readonly reason: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
