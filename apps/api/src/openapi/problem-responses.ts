import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What every operation may answer besides success, added to the generated document in one place
 * (the controllers only describe their successes): problem documents (RFC 9457, docs/reference/api-contract.md
 * "Errors") by status with their codes, and the headers of the conventions (`X-Request-Id`,
 * `If-Match`, `Idempotency-Key`, `ETag`, `Donthu-Stale`).
 */

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'a URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]*$',
      description:
        'stable code (VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION, …)',
    },
    errors: {
      type: 'array',
      description: 'for invalid input: each field at fault',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    instance: {
      type: 'string',
      pattern: '^urn:donthu:request:',
      description: 'this occurrence: urn:donthu:request:<X-Request-Id>',
    },
  },
} as const;

const WHY: Record<number, string> = {
  400: 'VALIDATION_FAILED: invalid input; `errors` names each field',
  401: 'UNAUTHENTICATED: no valid bearer token',
  403: 'FORBIDDEN: the role or the unit scope does not allow it',
  404: 'NOT_FOUND',
  409: 'ILLEGAL_TRANSITION: the state or a rule of the law forbids it; `detail` names the rule',
  412: 'VERSION_CONFLICT: a stale If-Match, or the stream moved on while the command ran',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE: send application/json (UTF-8)',
  422: 'IDEMPOTENCY_KEY_REUSED with another body, or CALENDAR_UNAVAILABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL: logged with the request id of `instance`',
  503: 'UNAVAILABLE: the database is unreachable',
};

const READ = [400, 401, 403, 404, 429, 500, 503];
const WRITE = [...READ, 409, 412, 413, 415, 422];

type Operation = {
  responses?: Record<string, unknown>;
  parameters?: { name?: string; in?: string; $ref?: string }[];
  security?: unknown[];
};

/** GeoReport v2's errors (docs/open311.md): a list of `{code, description}`, `code` the HTTP status. */
const OPEN311_ERRORS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer', minimum: 400, maximum: 599 }, description: { type: 'string' } },
  },
} as const;

/** Open311 operations answer errors in GeoReport's format (JSON, or XML for `.xml` resources). */
function describeOpen311Errors(op: Operation, method: string): void {
  const statuses =
    method === 'get' ? [400, 403, 404, 429, 500, 503] : [400, 403, 404, 409, 413, 415, 422, 429, 500, 503];
  for (const status of statuses) {
    if (op.responses![String(status)]) continue;
    op.responses![String(status)] = {
      description: `${WHY[status] ?? String(status)} (GeoReport v2 errors: [{code, description}])`,
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/Open311Errors' } },
        'text/xml': {
          schema: { type: 'string', description: '<errors><error><code/><description/></error></errors>' },
        },
      },
    };
  }
  const params = (op.parameters ??= []);
  if (!params.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'x-request-id'))
    params.push(
      header('X-Request-Id', 'your id for this request (echoed and logged); generated when absent'),
    );
}

function header(name: string, description: string) {
  return { name, in: 'header', required: false, description, schema: { type: 'string' } };
}

/** Adds the problem responses and convention headers to every operation of `doc` (in place). */
export function describeProblemsAndHeaders(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.Problem = PROBLEM_SCHEMA as never;
  doc.components.schemas.Open311Errors = OPEN311_ERRORS_SCHEMA as never;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      op.responses ??= {};
      if (path.startsWith('/open311/')) {
        describeOpen311Errors(op, method);
        continue;
      }
      const isPublic =
        !path.startsWith('/api/v1') || (Array.isArray(op.security) && op.security.length === 0);
      for (const status of method === 'get' ? READ : WRITE) {
        if (isPublic && (status === 401 || status === 403)) continue;
        if (op.responses[String(status)]) continue;
        op.responses[String(status)] = {
          description: WHY[status],
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
      const params = (op.parameters ??= []);
      const has = (name: string) =>
        params.some((p) => p.in === 'header' && p.name?.toLowerCase() === name.toLowerCase());
      if (!has('X-Request-Id'))
        params.push(
          header(
            'X-Request-Id',
            "your id for this request (echoed, logged, in a problem's `instance`); generated when absent",
          ),
        );
      if (method === 'post' && path.startsWith('/api/v1')) {
        if (!has('Idempotency-Key'))
          params.push(
            header(
              'Idempotency-Key',
              'a repeat with the same key and body answers the first response and writes nothing',
            ),
          );
        if (path.includes('{') && !has('If-Match'))
          params.push(header('If-Match', '"<version>" as read: a stale one gives 412 and writes nothing'));
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^2/.test(status) || typeof response !== 'object' || response === null) continue;
        const r = response as { headers?: Record<string, unknown> };
        r.headers ??= {};
        r.headers['X-Request-Id'] ??= { description: 'the request id', schema: { type: 'string' } };
        if (method === 'get' && /^\/api\/v1\/[^{]+$/.test(path))
          r.headers['Donthu-Stale'] ??= {
            description: 'the parked projections this list or board reads (their rows may be behind)',
            schema: { type: 'string' },
          };
        if (/\{id\}/.test(path))
          r.headers.ETag ??= {
            description: '"<version>" of the case or stream, when it has one',
            schema: { type: 'string' },
          };
      }
    }
  }
  return doc;
}
