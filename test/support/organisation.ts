/**
 * The organisations the HTTP tests build (unit trees set up through the API) and the tokens of the
 * people in them. Two trees: the default one most suites use, and the contract suites' own (their
 * expected figures were computed by hand over it).
 */
import type { TestApp } from './app.js';
import { NOW, SETUP_TIME, setClock } from './clock.js';
import { expectStatus } from './http.js';

export interface UnitTree {
  /** When the units are created (the clock returns to NOW afterwards). */
  setupAt: string;
  /** id, name, level, parent id. */
  units: [string, string, string, string | undefined][];
}

/** The default tree: a city with a department and two communes, and another city with a commune. */
export const UNITS = {
  province: 'hanoi',
  department: 'hanoi-ttr',
  commune1: 'hanoi-c1',
  commune2: 'hanoi-c2',
  otherProvince: 'danang',
  otherCommune: 'danang-c1',
} as const;

export const DEFAULT_TREE: UnitTree = {
  setupAt: SETUP_TIME,
  units: [
    [UNITS.province, 'UBND thành phố Hà Nội', 'province', undefined],
    [UNITS.department, 'Thanh tra thành phố', 'department', UNITS.province],
    [UNITS.commune1, 'UBND xã Một', 'commune', UNITS.province],
    [UNITS.commune2, 'UBND xã Hai', 'commune', UNITS.province],
    [UNITS.otherProvince, 'UBND thành phố Đà Nẵng', 'province', undefined],
    [UNITS.otherCommune, 'UBND xã Đà Nẵng', 'commune', UNITS.otherProvince],
  ],
};

/** The contract suites' tree: two provinces, communes and a department. */
export const CONTRACT_UNITS = {
  p: 'ct-p', // province
  c1: 'ct-c1', // commune under p
  c2: 'ct-c2', // commune under p
  dep: 'ct-dep', // department under p
  q: 'ct-q', // another province
  q1: 'ct-q1', // commune under q
} as const;

export const CONTRACT_TREE: UnitTree = {
  setupAt: '2024-12-02T03:00:00.000Z',
  units: [
    [CONTRACT_UNITS.p, 'UBND tỉnh Kiểm Định', 'province', undefined],
    [CONTRACT_UNITS.c1, 'UBND xã Một', 'commune', CONTRACT_UNITS.p],
    [CONTRACT_UNITS.c2, 'UBND xã Hai', 'commune', CONTRACT_UNITS.p],
    [CONTRACT_UNITS.dep, 'Sở Xây dựng', 'department', CONTRACT_UNITS.p],
    [CONTRACT_UNITS.q, 'UBND tỉnh Khác', 'province', undefined],
    [CONTRACT_UNITS.q1, 'UBND xã Khác', 'commune', CONTRACT_UNITS.q],
  ],
};

/** Creates a unit tree through the API (at its `setupAt`, so that units can later merge), then sets the clock to NOW. */
export async function createUnitTree(
  app: TestApp,
  admin: string,
  tree: UnitTree = DEFAULT_TREE,
): Promise<void> {
  setClock(app, tree.setupAt);
  for (const [id, name, level, parentId] of tree.units) {
    const res = await app.request('POST', '/api/v1/units', {
      token: admin,
      body: { id, name, level, ...(parentId ? { parentId } : {}) },
    });
    expectStatus(res, 201);
  }
  setClock(app, NOW);
}

/** People to sign tokens for: key → [sub, roles, unit, name]. */
export type Roster<K extends string> = Record<K, [string, string[], string | undefined, string]>;

/** Signs a token for everyone on a roster. */
export async function signRoster<K extends string>(
  app: TestApp,
  roster: Roster<K>,
): Promise<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(roster) as K[]) {
    const [sub, roles, unit, name] = roster[key];
    out[key] = await app.token(sub, roles, unit, name);
  }
  return out;
}

/** The people of the default tree. */
export const DEFAULT_ROSTER = {
  admin: ['admin-1', ['admin'], undefined, 'Quản trị'],
  reception: ['rec-1', ['reception'], UNITS.province, 'Lễ tân'],
  receptionC1: ['rec-c1', ['reception'], UNITS.commune1, 'Lễ tân xã 1'],
  receptionC2: ['rec-c2', ['reception'], UNITS.commune2, 'Lễ tân xã 2'],
  handler: ['handler-1', ['handler'], UNITS.province, 'Cán bộ Nguyễn'],
  handlerC1: ['handler-c1', ['handler'], UNITS.commune1, 'Cán bộ xã'],
  head: ['head-1', ['head'], UNITS.province, 'Chủ tịch'],
  supervisor: ['sup-1', ['supervisor'], UNITS.province, 'Giám sát'],
  auditor: ['aud-1', ['auditor'], UNITS.province, 'Kiểm toán'],
  communeUser: ['c2-handler', ['handler'], UNITS.commune2, 'Cán bộ xã 2'],
  otherReception: ['rec-dn', ['reception'], UNITS.otherProvince, 'Lễ tân Đà Nẵng'],
} satisfies Roster<string>;

export type Tokens = Record<keyof typeof DEFAULT_ROSTER, string>;

/** Tokens of the default tree's people. */
export const tokens = (app: TestApp): Promise<Tokens> => signRoster(app, DEFAULT_ROSTER);

/** The people of the contract tree: every role at the province, a few at the communes and the other province. */
export const CONTRACT_ROSTER = {
  admin: ['ct-admin', ['admin'], undefined, 'Quản trị'],
  rec: ['ct-rec', ['reception'], CONTRACT_UNITS.p, 'Lễ tân'],
  recC1: ['ct-rec-c1', ['reception'], CONTRACT_UNITS.c1, 'Lễ tân xã 1'],
  recC2: ['ct-rec-c2', ['reception'], CONTRACT_UNITS.c2, 'Lễ tân xã 2'],
  recQ: ['ct-rec-q', ['reception'], CONTRACT_UNITS.q, 'Lễ tân Q'],
  h: ['ct-h', ['handler'], CONTRACT_UNITS.p, 'Cán bộ thụ lý'],
  h2: ['ct-h2', ['handler'], CONTRACT_UNITS.p, 'Cán bộ khác'],
  hC1: ['ct-h-c1', ['handler'], CONTRACT_UNITS.c1, 'Cán bộ xã'],
  head: ['ct-head', ['head'], CONTRACT_UNITS.p, 'Chủ tịch tỉnh'],
  headC1: ['ct-head-c1', ['head'], CONTRACT_UNITS.c1, 'Chủ tịch xã'],
  sup: ['ct-sup', ['supervisor'], CONTRACT_UNITS.p, 'Giám sát'],
  supQ: ['ct-sup-q', ['supervisor'], CONTRACT_UNITS.q, 'Giám sát Q'],
  aud: ['ct-aud', ['auditor'], CONTRACT_UNITS.p, 'Kiểm toán'],
  audQ: ['ct-aud-q', ['auditor'], CONTRACT_UNITS.q, 'Kiểm toán Q'],
} satisfies Roster<string>;

/** Appoints a head of a unit through the API (201), in office from a date. */
export async function appointHead(
  app: TestApp,
  admin: string,
  unitId: string,
  personId: string,
  fullName: string,
  from: string,
): Promise<void> {
  expectStatus(
    await app.request('POST', `/api/v1/units/${unitId}/heads`, {
      token: admin,
      body: { personId, fullName, from },
    }),
    201,
  );
}
