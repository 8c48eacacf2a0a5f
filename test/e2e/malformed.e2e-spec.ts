/**
 * Malformed input over HTTP: every request answers a 4xx problem document (never a 5xx) and leaves
 * nothing in the event store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  eventCount,
  expectProblem,
  LONG,
  registerAndClassify,
  registration,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;
/** A complaint received 2026-11-16, classified (version 2). */
let classified = '';
/** A denunciation received 2026-11-16, accepted 2026-11-17. */
let accepted = '';
/** A case received 2026-11-16, not classified. */
let received = '';

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  classified = (await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' })).id;
  accepted = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-16', kindHint: 'denunciation' },
      { kind: 'denunciation' },
    )
  ).id;
  await command(app, t.handler, accepted, 'accept', { acceptedAt: '2026-11-17' });
  received = (
    await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: registration({ receivedAt: '2026-11-16' }),
    })
  ).body.id;
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

type Who = keyof Tokens;
interface Bad {
  name: string;
  method?: string;
  path: () => string;
  who?: Who;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** A path that errors[] must name. */
  field?: string;
}

const reg = (over: Record<string, unknown>) => registration({ receivedAt: '2026-11-16', ...over });
const regWithout = (key: string) => {
  const r = reg({});
  delete r[key];
  return r;
};
const POST_CASES = () => '/api/v1/cases';
const on =
  (action: string, id = () => classified) =>
  () =>
    `/api/v1/cases/${id()}/${action}`;
const V = 'VALIDATION_FAILED';

const deep = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

const TABLE: Bad[] = [
  // ── registration ──
  {
    name: 'impossible date 2026-02-30',
    path: POST_CASES,
    body: reg({ receivedAt: '2026-02-30' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'impossible month 2026-13-01',
    path: POST_CASES,
    body: reg({ receivedAt: '2026-13-01' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: '2026-02-29 (not a leap year)',
    path: POST_CASES,
    body: reg({ receivedAt: '2026-02-29' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'receipt in the future',
    path: POST_CASES,
    body: reg({ receivedAt: '2026-11-23' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'an instant where a date is expected',
    path: POST_CASES,
    body: reg({ receivedAt: '2026-11-16T00:00:00Z' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'a number where a date is expected',
    path: POST_CASES,
    body: reg({ receivedAt: 20261116 }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'an empty date',
    path: POST_CASES,
    body: reg({ receivedAt: '' }),
    status: 400,
    code: V,
    field: 'receivedAt',
  },
  {
    name: 'empty petitioners',
    path: POST_CASES,
    body: reg({ petitioners: [] }),
    status: 400,
    code: V,
    field: 'petitioners',
  },
  {
    name: 'petitioners as an object',
    path: POST_CASES,
    body: reg({ petitioners: { fullName: 'A' } }),
    status: 400,
    code: V,
    field: 'petitioners',
  },
  {
    name: 'nested arrays where objects are expected',
    path: POST_CASES,
    body: reg({ petitioners: [[{ fullName: 'A' }]] }),
    status: 400,
    code: V,
    field: 'petitioners',
  },
  { name: 'a null petitioner', path: POST_CASES, body: reg({ petitioners: [null] }), status: 400, code: V },
  {
    name: 'a petitioner without a name',
    path: POST_CASES,
    body: reg({ petitioners: [{ idNumber: '001099012345' }] }),
    status: 400,
    code: V,
    field: 'petitioners[0].fullName',
  },
  {
    name: 'a petitioner with an unknown property',
    path: POST_CASES,
    body: reg({ petitioners: [{ fullName: 'A', role: 'admin' }] }),
    status: 400,
    code: V,
  },
  {
    name: 'missing subject',
    path: POST_CASES,
    body: regWithout('subject'),
    status: 400,
    code: V,
    field: 'subject',
  },
  {
    name: 'missing receivingUnitId',
    path: POST_CASES,
    body: regWithout('receivingUnitId'),
    status: 400,
    code: V,
    field: 'receivingUnitId',
  },
  {
    name: 'unknown channel',
    path: POST_CASES,
    body: reg({ channel: 'fax' }),
    status: 400,
    code: V,
    field: 'channel',
  },
  {
    name: 'unknown kindHint',
    path: POST_CASES,
    body: reg({ kindHint: 'rumour' }),
    status: 400,
    code: V,
    field: 'kindHint',
  },
  {
    name: 'an extra property',
    path: POST_CASES,
    body: reg({ isAdmin: true }),
    status: 400,
    code: V,
    field: 'isAdmin',
  },
  {
    name: 'U+0000 in a string',
    path: POST_CASES,
    body: reg({ subject: 'Khiếu nại\u0000' }),
    status: 400,
    code: V,
    field: 'subject',
  },
  {
    name: 'a lone surrogate in a string',
    path: POST_CASES,
    body: reg({ content: 'abc\ud800def' }),
    status: 400,
    code: V,
    field: 'content',
  },
  {
    name: 'a lone low surrogate in a nested string',
    path: POST_CASES,
    body: reg({ petitioners: [{ fullName: '\udc00' }] }),
    status: 400,
    code: V,
  },
  {
    name: 'a __proto__ key',
    path: POST_CASES,
    raw: JSON.stringify(reg({})).replace(/^\{/, '{"__proto__":{"polluted":true},'),
    status: 400,
    code: V,
  },
  {
    name: 'a constructor key',
    path: POST_CASES,
    raw: JSON.stringify(reg({})).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},'),
    status: 400,
    code: V,
  },
  {
    name: 'a nested __proto__ key',
    path: POST_CASES,
    raw: JSON.stringify(reg({})).replace('"petitioners":[{', '"petitioners":[{"__proto__":{"x":1},'),
    status: 400,
    code: V,
  },
  {
    name: 'a number as a string',
    path: POST_CASES,
    body: reg({ signerCount: '5' }),
    status: 400,
    code: V,
    field: 'signerCount',
  },
  {
    name: 'a huge number',
    path: POST_CASES,
    body: reg({ signerCount: 1e308 }),
    status: 400,
    code: V,
    field: 'signerCount',
  },
  {
    name: 'an unsafe integer',
    path: POST_CASES,
    raw: JSON.stringify(reg({})).replace(/^\{/, '{"signerCount":9007199254740993,'),
    status: 400,
    code: V,
    field: 'signerCount',
  },
  {
    name: 'a fraction where an integer is expected',
    path: POST_CASES,
    body: reg({ signerCount: 1.5 }),
    status: 400,
    code: V,
    field: 'signerCount',
  },
  {
    name: 'SQL in a unit id',
    path: POST_CASES,
    body: reg({ receivingUnitId: "hanoi' OR '1'='1" }),
    status: 400,
    code: V,
    field: 'receivingUnitId',
  },
  {
    name: 'SQL in an id number',
    path: POST_CASES,
    body: reg({ petitioners: [{ fullName: 'A', idNumber: "1'; DROP TABLE events; --" }] }),
    status: 400,
    code: V,
  },
  {
    name: 'an unknown receiving unit',
    path: POST_CASES,
    body: reg({ receivingUnitId: 'nowhere' }),
    status: 400,
    code: V,
    field: 'receivingUnitId',
  },
  {
    name: 'an overlong name',
    path: POST_CASES,
    body: reg({ petitioners: [{ fullName: 'x'.repeat(201) }] }),
    status: 400,
    code: V,
  },
  { name: 'a JSON array body', path: POST_CASES, raw: JSON.stringify([reg({})]), status: 400, code: V },
  { name: 'a JSON string body', path: POST_CASES, raw: '"hello"', status: 400, code: V },
  { name: 'a JSON null body', path: POST_CASES, raw: 'null', status: 400, code: V },
  { name: 'malformed JSON', path: POST_CASES, raw: '{"receivedAt": "2026-11-16",', status: 400, code: V },
  {
    name: 'JSON with a trailing comma',
    path: POST_CASES,
    raw: '{"receivedAt": "2026-11-16",}',
    status: 400,
    code: V,
  },
  { name: 'deeply nested JSON', path: POST_CASES, raw: deep(3000), status: 400, code: V },
  { name: 'an empty object', path: POST_CASES, body: {}, status: 400, code: V },
  {
    name: 'a charset other than UTF-8',
    path: POST_CASES,
    raw: JSON.stringify(reg({})),
    headers: { 'content-type': 'application/json; charset=latin1' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'text/plain',
    path: POST_CASES,
    raw: JSON.stringify(reg({})),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'form encoding',
    path: POST_CASES,
    raw: 'receivedAt=2026-11-16',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'an Idempotency-Key with spaces',
    path: POST_CASES,
    body: reg({}),
    headers: { 'idempotency-key': 'a b' },
    status: 400,
    code: V,
  },
  // ── case commands ──
  {
    name: 'classify an unknown kind',
    path: on('classify', () => received),
    body: { kind: 'rumour', competentUnitId: UNITS.province, processable: true },
    status: 400,
    code: V,
    field: 'kind',
  },
  {
    name: 'level 3',
    path: on('classify', () => received),
    body: { kind: 'complaint', level: 3, competentUnitId: UNITS.province, processable: true },
    status: 400,
    code: V,
    field: 'level',
  },
  {
    name: 'level as a string',
    path: on('classify', () => received),
    body: { kind: 'complaint', level: '1', competentUnitId: UNITS.province, processable: true },
    status: 400,
    code: V,
    field: 'level',
  },
  {
    name: 'a level on a petition',
    path: on('classify', () => received),
    body: { kind: 'petition', level: 1, competentUnitId: UNITS.province, processable: true },
    status: 400,
    code: V,
    field: 'level',
  },
  {
    name: 'processable as a string',
    path: on('classify', () => received),
    body: { kind: 'complaint', competentUnitId: UNITS.province, processable: 'true' },
    status: 400,
    code: V,
    field: 'processable',
  },
  {
    name: 'an unknown competent unit',
    path: on('classify', () => received),
    who: 'reception',
    body: { kind: 'complaint', competentUnitId: 'nowhere', processable: true },
    status: 400,
    code: V,
    field: 'competentUnitId',
  },
  {
    name: 'a previous case that does not exist',
    path: on('classify', () => received),
    who: 'reception',
    body: {
      kind: 'complaint',
      level: 2,
      previousCaseId: 'no-such-case',
      competentUnitId: UNITS.province,
      processable: true,
    },
    status: 400,
    code: V,
    field: 'previousCaseId',
  },
  {
    name: 'an action dated before the receipt',
    path: on('accept'),
    body: { acceptedAt: '2026-11-10' },
    status: 400,
    code: V,
    field: 'acceptedAt',
  },
  {
    name: 'an action dated in the future',
    path: on('accept'),
    body: { acceptedAt: '2026-11-23' },
    status: 400,
    code: V,
    field: 'acceptedAt',
  },
  {
    name: 'an action on an impossible date',
    path: on('accept'),
    body: { acceptedAt: '2026-04-31' },
    status: 400,
    code: V,
    field: 'acceptedAt',
  },
  {
    name: 'a boolean as a string',
    path: on('accept'),
    body: { acceptedAt: '2026-11-17', complex: 'yes' },
    status: 400,
    code: V,
    field: 'complex',
  },
  {
    name: 'a reject without a reason',
    path: on('reject'),
    body: { at: '2026-11-17' },
    status: 400,
    code: V,
    field: 'reason',
  },
  {
    name: 'an archive as duplicate of nothing',
    path: on('archive'),
    who: 'reception',
    body: { at: '2026-11-17', reason: 'duplicate' },
    status: 400,
    code: V,
    field: 'duplicateOf',
  },
  {
    name: 'an unknown archive reason',
    path: on('archive'),
    who: 'reception',
    body: { at: '2026-11-17', reason: 'boring' },
    status: 400,
    code: V,
    field: 'reason',
  },
  {
    name: 'a transfer to the same unit',
    path: on('transfer'),
    who: 'reception',
    body: { at: '2026-11-17', toUnitId: UNITS.province, reason: 'x' },
    status: 400,
    code: V,
    field: 'toUnitId',
  },
  {
    name: 'a transfer to an unknown unit',
    path: on('transfer'),
    who: 'reception',
    body: { at: '2026-11-17', toUnitId: 'nowhere', reason: 'x' },
    status: 400,
    code: V,
    field: 'toUnitId',
  },
  {
    name: 'empty participants',
    path: on('dialogues', () => accepted),
    body: { heldAt: '2026-11-18', participants: [], minutes: 'm', outcome: 'agreed' },
    status: 400,
    code: V,
    field: 'participants',
  },
  {
    name: 'nested participants',
    path: on('dialogues', () => accepted),
    body: { heldAt: '2026-11-18', participants: [['a']], minutes: 'm', outcome: 'agreed' },
    status: 400,
    code: V,
  },
  {
    name: 'an unknown dialogue outcome',
    path: on('dialogues', () => accepted),
    body: { heldAt: '2026-11-18', participants: ['a'], minutes: 'm', outcome: 'maybe' },
    status: 400,
    code: V,
    field: 'outcome',
  },
  {
    name: 'extension of 31 days',
    path: on('extend', () => accepted),
    body: { at: '2026-11-18', reason: 'r', days: 31 },
    status: 400,
    code: V,
    field: 'days',
  },
  {
    name: 'extension of 0 days',
    path: on('extend', () => accepted),
    body: { at: '2026-11-18', reason: 'r', days: 0 },
    status: 400,
    code: V,
    field: 'days',
  },
  {
    name: 'extension of -1 days',
    path: on('extend', () => accepted),
    body: { at: '2026-11-18', reason: 'r', days: -1 },
    status: 400,
    code: V,
    field: 'days',
  },
  {
    name: 'a resolution outcome of another kind',
    path: on('resolve', () => accepted),
    body: { decidedAt: '2026-11-18', outcome: 'upheld', summary: 's' },
    status: 400,
    code: V,
    field: 'outcome',
  },
  {
    name: 'a suspension dated before the acceptance',
    path: on('suspend', () => accepted),
    body: { at: '2026-11-16', reason: 'r' },
    status: 400,
    code: V,
    field: 'at',
  },
  {
    name: 'a suspension dated before the receipt',
    path: on('suspend', () => accepted),
    body: { at: '2026-01-01', reason: 'r' },
    status: 400,
    code: V,
    field: 'at',
  },
  {
    name: 'an assign with a handler id holding SQL',
    path: on('assign'),
    body: { handlerId: "x'; DELETE FROM events; --" },
    status: 400,
    code: V,
    field: 'handlerId',
  },
  {
    name: 'a garbage If-Match',
    path: on('assign'),
    body: { handlerId: 'h' },
    headers: { 'if-match': 'abc' },
    status: 400,
    code: V,
    field: 'If-Match',
  },
  {
    name: 'a negative If-Match',
    path: on('assign'),
    body: { handlerId: 'h' },
    headers: { 'if-match': '"-1"' },
    status: 400,
    code: V,
    field: 'If-Match',
  },
  {
    name: 'SQL in a case id',
    path: () => `/api/v1/cases/${encodeURIComponent("1' OR '1'='1")}/assign`,
    body: { handlerId: 'h' },
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a path traversal as a case id',
    path: () => `/api/v1/cases/${encodeURIComponent('../../etc/passwd')}/assign`,
    body: { handlerId: 'h' },
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'an overlong case id',
    path: () => `/api/v1/cases/${'a'.repeat(300)}/assign`,
    body: { handlerId: 'h' },
    status: 404,
    code: 'NOT_FOUND',
  },
  // ── queries ──
  {
    name: 'pageSize 0',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?pageSize=0',
    status: 400,
    code: V,
    field: 'pageSize',
  },
  {
    name: 'pageSize 201',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?pageSize=201',
    status: 400,
    code: V,
    field: 'pageSize',
  },
  {
    name: 'pageSize -1',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?pageSize=-1',
    status: 400,
    code: V,
    field: 'pageSize',
  },
  {
    name: 'pageSize abc',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?pageSize=abc',
    status: 400,
    code: V,
    field: 'pageSize',
  },
  {
    name: 'page 0',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?page=0',
    status: 400,
    code: V,
    field: 'page',
  },
  {
    name: 'a repeated query parameter',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?pageSize=10&pageSize=20',
    status: 400,
    code: V,
    field: 'pageSize',
  },
  {
    name: 'an unknown status filter',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?status=open',
    status: 400,
    code: V,
    field: 'status',
  },
  {
    name: 'an unknown query parameter',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?sort=drop',
    status: 400,
    code: V,
    field: 'sort',
  },
  {
    name: 'an object as a query parameter',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?q[$ne]=x',
    status: 400,
    code: V,
    field: 'q[$ne]',
  },
  {
    name: 'an array as a query parameter',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?unitId[]=hanoi&unitId[]=danang',
    status: 400,
    code: V,
    field: 'unitId[]',
  },
  {
    name: 'deeply nested arrays',
    path: POST_CASES,
    raw: JSON.stringify(reg({})).replace(/^\{/, `{"x":${'['.repeat(5000)}${']'.repeat(5000)},`),
    status: 400,
    code: V,
  },
  {
    name: 'minPosition abc',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/cases?minPosition=abc',
    status: 400,
    code: V,
    field: 'minPosition',
  },
  {
    name: 'an as-of that is no instant',
    method: 'GET',
    who: 'auditor',
    path: () => `/api/v1/cases/${classified}?asOf=yesterday`,
    status: 400,
    code: V,
    field: 'asOf',
  },
  {
    name: 'a board asOf 2026-02-30',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/deadlines/overdue?asOf=2026-02-30',
    status: 400,
    code: V,
    field: 'asOf',
  },
  {
    name: 'a board recordedBefore without a zone',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/deadlines/overdue?recordedBefore=2026-11-22T10:00:00',
    status: 400,
    code: V,
    field: 'recordedBefore',
  },
  {
    name: 'includeSubunits maybe',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/deadlines/overdue?includeSubunits=maybe',
    status: 400,
    code: V,
    field: 'includeSubunits',
  },
  {
    name: 'withinDays -1',
    method: 'GET',
    who: 'supervisor',
    path: () => '/api/v1/deadlines/upcoming?withinDays=-1',
    status: 400,
    code: V,
    field: 'withinDays',
  },
  // ── units ──
  {
    name: 'an unknown unit level',
    path: () => '/api/v1/units',
    who: 'admin',
    body: { id: 'u-x', name: 'X', level: 'village' },
    status: 400,
    code: V,
    field: 'level',
  },
  {
    name: 'a unit id with SQL',
    path: () => '/api/v1/units',
    who: 'admin',
    body: { id: "u'; DROP TABLE units; --", name: 'X', level: 'commune' },
    status: 400,
    code: V,
    field: 'id',
  },
  {
    name: 'a rename to a number',
    method: 'PATCH',
    path: () => `/api/v1/units/${UNITS.commune1}`,
    who: 'admin',
    body: { name: 42 },
    status: 400,
    code: V,
    field: 'name',
  },
  {
    name: 'a head from an impossible date',
    path: () => `/api/v1/units/${UNITS.commune1}/heads`,
    who: 'admin',
    body: { personId: 'p', fullName: 'P', from: '2026-02-30' },
    status: 400,
    code: V,
    field: 'from',
  },
  {
    // A merger may be scheduled ahead (api.md), but not beyond the five years every date allows.
    name: 'a merger effective more than five years ahead',
    path: () => `/api/v1/units/${UNITS.commune2}/merge`,
    who: 'admin',
    body: { intoUnitId: UNITS.commune1, effectiveOn: '2032-01-01' },
    status: 400,
    code: V,
    field: 'effectiveOn',
  },
];

describe('malformed requests', () => {
  it('the table is large enough', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  for (const bad of TABLE) {
    it(`${bad.name} → ${bad.status} ${bad.code}, nothing written`, async () => {
      const before = await eventCount(app);
      const headers: Record<string, string> = { ...(bad.headers ?? {}) };
      if (bad.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await app.request(bad.method ?? 'POST', bad.path(), {
        token: t[bad.who ?? 'handler'],
        body: bad.body,
        raw: bad.raw,
        headers,
      });
      expect(res.status).toBeLessThan(500);
      expectProblem(res, bad.status, bad.code);
      if (bad.field) {
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ path: bad.field })]),
        );
      }
      expect(await eventCount(app)).toBe(before);
    });
  }
});

describe('size and media type', () => {
  it('a body over 1 MiB is 413', async () => {
    const before = await eventCount(app);
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: reg({ content: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await eventCount(app)).toBe(before);
  });

  it('a body just under the limit but over the field limit is 400', async () => {
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: reg({ content: 'x'.repeat(100_001) }),
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('a text/plain body is 415', async () => {
    const res = await app.request('POST', `/api/v1/cases/${classified}/assign`, {
      token: t.handler,
      raw: 'handlerId=h',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('text is normalised to NFC on input', async () => {
    const decomposed = 'Khie\u0302\u0301u na\u0323i'; // "Khiếu nại" in NFD
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: reg({ subject: decomposed }),
    });
    expect(res.status).toBe(201);
    const view = await app.request('GET', `/api/v1/cases/${res.body.id}`, { token: t.handler });
    expect(view.body.subject).toBe('Khiếu nại'.normalize('NFC'));
  });
});
