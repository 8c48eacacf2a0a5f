/**
 * What the request logger must never write: a citizen's lookup PIN (`?pin=`), an Open311 client's
 * `api_key`, any `token`, and a search (`q`: what a user typed may name a person). Their values are
 * replaced in the URL, the parsed query and the Referer.
 */
export const SECRET_QUERY_PARAMS = ['pin', 'lookuppin', 'api_key', 'apikey', 'token', 'q'];
const CENSOR = '[redacted]';

const isSecret = (name: string): boolean => SECRET_QUERY_PARAMS.includes(name.toLowerCase());

/** The URL with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let name = eq < 0 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        return CENSOR; // undecodable: say nothing of it
      }
      return isSecret(name) ? `${pair.slice(0, eq < 0 ? pair.length : eq)}=${CENSOR}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http `req` serializer (after the standard one): no PIN, key or token leaves in a log line. */
export function redactRequestForLog(req: SerializedRequest): SerializedRequest {
  const out: SerializedRequest = { ...req };
  if (typeof out.url === 'string') out.url = redactUrl(out.url);
  if (out.query && typeof out.query === 'object') {
    out.query = Object.fromEntries(
      Object.entries(out.query as Record<string, unknown>).map(([k, v]) => [k, isSecret(k) ? CENSOR : v]),
    );
  }
  if (out.headers && typeof out.headers.referer === 'string')
    out.headers = { ...out.headers, referer: redactUrl(out.headers.referer) };
  return out;
}
