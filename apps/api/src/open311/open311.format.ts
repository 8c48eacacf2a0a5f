import type { Request, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import type { Problem } from '../../../../libs/application/src/index.js';
import { detailVi, problemLanguage } from '../common/problem-language.js';

/**
 * GeoReport v2's two formats (docs/open311.md): the format is the resource's extension (`.json`,
 * `.xml`); XML is built with fast-xml-parser's builder, declared UTF-8 as the specification asks.
 */
export type Open311Format = 'json' | 'xml';

export const OPEN311_PREFIX = '/open311/';

export const isOpen311Request = (req: Request | undefined): boolean =>
  !!req && (req.originalUrl ?? req.url ?? '').startsWith(OPEN311_PREFIX);

/** The format a path asks for: `.xml` → XML, anything else JSON (errors of unknown paths too). */
export function formatOf(req: Request): Open311Format {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

const builder = new XMLBuilder({
  ignoreAttributes: true,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

/** null → empty element; booleans and numbers as text. */
function xmlValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlValue(v)]));
  return String(value);
}

/**
 * An answer in the asked format. `root` and `item` name the XML elements of a list
 * (`<services><service>…`); `item` null for a single element (`<service_definition>`); `xml.body`
 * when the XML nests differently from the JSON (`<attributes><attribute>…`).
 */
export function sendOpen311(
  res: Response,
  format: Open311Format,
  status: number,
  body: unknown,
  xml: { root: string; item: string | null; body?: unknown },
): void {
  res.status(status);
  if (format === 'json') {
    res.type('application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  const content = xml.body ?? body;
  const tree = xml.item
    ? { [xml.root]: { [xml.item]: xmlValue(content) } }
    : { [xml.root]: xmlValue(content) };
  res
    .type('text/xml; charset=utf-8')
    .send(`<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree) as string}`);
}

/** What Open311's own messages say in Vietnamese (the English is raised in the code). */
const VI: [RegExp, (...m: string[]) => string][] = [
  [
    /^api_key: a valid api_key is required$/,
    () => 'api_key: cần một api_key hợp lệ (chưa cấp, sai hoặc đã thu hồi)',
  ],
  [
    /^jurisdiction_id: this api_key was issued for jurisdiction (.+)$/,
    (_, u) => `jurisdiction_id: api_key này chỉ dùng cho đơn vị ${u}`,
  ],
  [/^service_code: no service (.*)$/, (_, c) => `service_code: không có dịch vụ ${c}`],
  [
    /^service_request_id: no request (.*) filed with this api_key$/,
    (_, c) => `service_request_id: không có yêu cầu ${c} do api_key này gửi`,
  ],
  [/^jurisdiction_id: no such jurisdiction$/, () => 'jurisdiction_id: không có đơn vị này'],
  [
    /^send the body as application\/json$/,
    () => 'gửi dữ liệu dạng application/x-www-form-urlencoded hoặc application/json',
  ],
];

function describe(p: Problem, lang: 'vi' | 'en'): string {
  if (lang === 'en') return p.detail;
  for (const [re, to] of VI) {
    const m = re.exec(p.detail);
    if (m) return to(...m);
  }
  return detailVi(p.detail);
}

/** A problem as GeoReport v2's errors: `[{code, description}]`, with the HTTP status as `code`. */
export function sendOpen311Error(res: Response, p: Problem): void {
  const req = res.req;
  const lang = problemLanguage(req?.headers['accept-language']);
  res.setHeader('Content-Language', lang);
  res.vary('Accept-Language');
  res.setHeader('Cache-Control', 'no-store');
  const errors = [{ code: p.status, description: describe(p, lang) }];
  sendOpen311(res, req ? formatOf(req) : 'json', p.status, errors, { root: 'errors', item: 'error' });
}
