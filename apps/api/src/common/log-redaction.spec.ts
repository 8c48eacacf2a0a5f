import { describe, expect, it } from '@jest/globals';
import { redactRequestForLog, redactUrl } from './log-redaction.js';

describe('request log redaction', () => {
  it('replaces the values of pin, api_key and token in URLs and keeps the rest', () => {
    expect(redactUrl('/api/v1/public/cases/NB-2026-000001?pin=ABCDEFGH')).toBe(
      '/api/v1/public/cases/NB-2026-000001?pin=[redacted]',
    );
    expect(redactUrl('/open311/v2/requests.json?api_key=k3y&jurisdiction_id=nb&PIN=x')).toBe(
      '/open311/v2/requests.json?api_key=[redacted]&jurisdiction_id=nb&PIN=[redacted]',
    );
    expect(redactUrl('/x?p%69n=ABCDEFGH')).toBe('/x?p%69n=[redacted]');
    expect(redactUrl('/api/v1/cases?q=abc')).toBe('/api/v1/cases?q=[redacted]'); // a search may name a person
    expect(redactUrl('/api/v1/cases?page=2')).toBe('/api/v1/cases?page=2');
    expect(redactUrl('/api/v1/cases')).toBe('/api/v1/cases');
  });

  it('redacts the serialised request: url, query and referer', () => {
    const out = redactRequestForLog({
      method: 'GET',
      url: '/api/v1/public/cases/A-2026-000001?pin=ABCDEFGH',
      query: { pin: 'ABCDEFGH', other: '1' },
      headers: { referer: 'http://x/tra-cuu?ma=A-2026-000001&pin=ABCDEFGH', host: 'x' },
    });
    expect(JSON.stringify(out)).not.toContain('ABCDEFGH');
    expect(out.query).toEqual({ pin: '[redacted]', other: '1' });
    expect(out.headers?.host).toBe('x');
  });
});
