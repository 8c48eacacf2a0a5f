import type { INestApplication } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import { createOpenApiDocument } from '../../apps/api/src/openapi/openapi-document.js';

/**
 * Every problem document an end-to-end test receives is checked against the published OpenAPI
 * description (the document `/docs-json` serves, built by the same function): its operation must list that status with `application/problem+json`,
 * and the body must match the document's `Problem` schema, `status` equal to the HTTP status. So the
 * document cannot drift from what the code answers. A request that matches no operation (an unknown
 * path or method) is checked against the schema only.
 */
interface Doc {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
  components: { schemas: Record<string, object> };
}

/** One document per test file: every app of a file serves the same one. */
let cached: Doc | null = null;

export class OpenApiCheck {
  private doc: Doc | null = null;
  private problem: ValidateFunction | null = null;
  private routes: { method: string; pattern: RegExp; template: string }[] = [];

  constructor(private readonly app: INestApplication) {}

  /** Builds the document (createTestApp calls it up front, so no test pays for it). */
  load(): void {
    if (this.doc) return;
    // Built in process rather than fetched: a fetch would count against the rate limits under test.
    cached ??= JSON.parse(JSON.stringify(createOpenApiDocument(this.app))) as Doc;
    this.doc = cached;
    this.problem = new Ajv({ strict: false, allErrors: true }).compile(this.doc.components.schemas.Problem);
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
}
