import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { IdempotencyService, type CommandMeta } from '../../../../libs/application/src/index.js';
import { AuthError, type Principal } from '../../../../libs/security/src/index.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { correlationIdOf, idempotent, ifMatchOf } from './request-context.js';

/** A command's HTTP exchange: who asks (authenticated), the request and the response it answers on. */
export interface CommandCall {
  principal: Principal;
  req: Request;
  res: Response;
}

/**
 * `@CommandCall()`: the parameter of a command endpoint that `CommandEndpoint.run` takes. Nest still
 * sends what the endpoint returns (as with `@Res({ passthrough: true })`); the status the route
 * declares (`@HttpCode`, else 201 for POST) is already set on the response.
 */
export const CommandCall = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandCall => {
  const http = ctx.switchToHttp();
  const req = http.getRequest<AuthedRequest>();
  if (!req.principal) throw new AuthError('no_principal');
  return { principal: req.principal, req, res: http.getResponse<Response>() };
});

export interface CommandEndpointOptions<R> {
  /** Reads `If-Match` (default true). A creation does not: its stream does not exist yet. */
  ifMatch?: boolean;
  /** Honours `Idempotency-Key` (default true). */
  idempotencyKey?: boolean;
  /** The `Location` of what the command created. */
  location?: (answer: R) => string;
  /**
   * What the idempotency store keeps (and a replay answers) when the first answer holds something
   * given once (a lookup PIN); the first answer itself goes out whole.
   */
  storable?: (answer: R) => R;
  /** On a replay: what the stored answer left out (identities, the letter) as it is now, read with the caller's rights. */
  refill?: (stored: R) => Promise<Partial<R>>;
}

/**
 * The one way an HTTP endpoint runs a command (docs/architecture.md, "The command path"): read
 * `If-Match` (a malformed one is 400 before anything else) and `Idempotency-Key`, build the envelope
 * (who asks, the request id, the version seen, the seed of the event ids), send the message on the
 * CommandBus, answer with the status the route declares, `ETag: "<version>"` when the answer carries
 * a version, and `Location` when the command created something. Under an Idempotency-Key a repeat
 * answers the stored response (request-context.ts `idempotent`).
 */
@Injectable()
export class CommandEndpoint {
  constructor(
    private readonly bus: CommandBus,
    private readonly idem: IdempotencyService,
  ) {}

  async run<R extends object>(
    { principal, req, res }: CommandCall,
    message: (meta: CommandMeta) => Command<R>,
    options: CommandEndpointOptions<R> = {},
  ): Promise<R> {
    const ifMatch = options.ifMatch === false ? undefined : ifMatchOf(req);
    const status = res.statusCode;
    const meta = (eventIdSeed: string | undefined): CommandMeta => ({
      principal,
      correlationId: correlationIdOf(req),
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      ...(eventIdSeed !== undefined ? { eventIdSeed } : {}),
    });
    let answer: R | undefined;
    const execute = async (seed: string | undefined): Promise<R> => {
      answer = await this.bus.execute(message(meta(seed)));
      return options.storable ? options.storable(answer) : answer;
    };
    const body =
      options.idempotencyKey === false
        ? await execute(undefined)
        : await idempotent(this.idem, req, res, principal, status, execute, options.refill);
    // A replay answers what was stored; a command run now answers in full.
    const out = answer ?? body;
    const version = (out as { version?: unknown }).version;
    if (typeof version === 'number') res.setHeader('ETag', `"${version}"`);
    if (options.location) res.setHeader('Location', options.location(out));
    return out;
  }
}
