import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';

/** What an erasure answers. */
export interface ErasureResult {
  personRef: string;
  erased: boolean;
  alreadyErased: boolean;
}

/** POST /admin/persons/:personRef/erase and `donthu erase`: crypto-shredding of one person's data. */
export class ErasePerson extends ApplicationCommand<ErasureResult> {
  static override readonly stream: string = 'erasure';
  constructor(
    readonly personRef: string,
    /** The legal basis of the erasure (Law 91/2025). */
    readonly reason: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
