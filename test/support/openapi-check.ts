import type { INestApplication } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import { createOpenApiDocument } from '../../apps/api/src/openapi/openapi-document.js';

/**
 * Every answer an end-to-end test receives is checked against the published OpenAPI description (the
 * document `/docs-json` serves, built by the same function), so the document cannot drift from what
 * the code answers:
 * - a problem: its operation must list that status with `application/problem+json`, and the body must
 *   match the document's `Problem` schema, `status` equal to the HTTP status;
 * - a success (2xx): its operation must list that status with the media type answered, and a JSON body
 *   must match the schema the document gives for it.
 * A request that matches no operation (an unknown path, the console's pages) is checked against the
 * Problem schema only.
 */
interface Doc {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
  [key: string]: unknown;
  components: { schemas: Record<string, object> };
}

/** One document per test file: every app of a file serves the same one. */
let cached: Doc | null = null;
let cachedAjv: Ajv | null = null;

/** A JSON pointer segment (RFC 6901). */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiCheck {
  private doc: Doc | null = null;
  private problem: ValidateFunction | null = null;
  private ajv: Ajv | null = null;
  private routes: { method: string; pattern: RegExp; template: string }[] = [];

  constructor(private readonly app: INestApplication) {}

  /** Builds the document (createTestApp calls it up front, so no test pays for it). */
  load(): void {
    if (this.doc) return;
    // Built in process rather than fetched: a fetch would count against the rate limits under test.
    cached ??= JSON.parse(JSON.stringify(createOpenApiDocument(this.app))) as Doc;
    this.doc = cached;
    if (!cachedAjv) {
      // The whole document is one schema resource, so the answers' `$ref`s resolve inside it.
      cachedAjv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      cachedAjv.addSchema(this.doc as object, 'openapi');
    }
    this.ajv = cachedAjv;
    this.problem = this.ajv.compile(this.doc.components.schemas.Problem);
    for (const [template, item] of Object.entries(this.doc.paths))
      for (const method of Object.keys(item))
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
          ),
        });
    // Literal paths before templated ones (`/cases/unclassified` before `/cases/{id}`).
    this.routes.sort((a, b) => (a.template.includes('{') ? 1 : 0) - (b.template.includes('{') ? 1 : 0));
  }

  /** Throws, naming the operation, when a problem answer is not what the document says. */
  async check(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): Promise<void> {
    if (status >= 200 && status < 300) return this.checkSuccess(method, path, status, contentType, body);
    if (!contentType.startsWith('application/problem+json')) return;
    this.load();
    const where = `${method} ${path} → ${status}`;
    if (!this.problem!(body))
      throw new Error(
        `OpenAPI: ${where}: the problem does not match the Problem schema: ${JSON.stringify(this.problem!.errors)}`,
      );
    if ((body as { status?: number }).status !== status)
      throw new Error(`OpenAPI: ${where}: the problem says status ${(body as { status?: number }).status}`);
    const bare = path.split('?')[0];
    const route = this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(bare));
    if (!route) return;
    const op = this.doc!.paths[route.template][method.toLowerCase()];
    if (!op.responses?.[String(status)]?.content?.['application/problem+json'])
      throw new Error(
        `OpenAPI: ${method} ${route.template} does not document a ${status} problem, yet answered one`,
      );
  }

  private route(method: string, path: string) {
    const bare = path.split('?')[0];
    return this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(bare));
  }

  /** Throws, naming the operation, when a success answer is not what the document says. */
  private checkSuccess(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): void {
    this.load();
    const route = this.route(method, path);
    if (!route) return;
    const where = `${method} ${route.template} → ${status}`;
    const response = this.doc!.paths[route.template][method.toLowerCase()].responses?.[String(status)];
    if (!response) throw new Error(`OpenAPI: ${where}: the document does not list this success status`);
    const media = contentType.split(';')[0].trim().toLowerCase();
    if (!media) return; // no body (e.g. 204)
    if (!response.content?.[media])
      throw new Error(
        `OpenAPI: ${where}: answered ${media}, the document lists ${Object.keys(response.content ?? {}).join(', ') || 'nothing'}`,
      );
    if (media !== 'application/json') return;
    const at = [
      'paths',
      route.template,
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      media,
      'schema',
    ]
      .map(pointer)
      .join('/');
    const validate = this.ajv!.getSchema(`openapi#/${at}`);
    if (!validate) throw new Error(`OpenAPI: ${where}: no schema for ${media}`);
    if (!validate(body))
      throw new Error(
        `OpenAPI: ${where}: the body does not match the document: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
      );
  }
}
