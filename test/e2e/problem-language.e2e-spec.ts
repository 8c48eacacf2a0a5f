/**
 * docs/api-language.md: a refusal is Vietnamese — title, detail and each errors[].message — unless
 * Accept-Language prefers English; then it is the English the other suites read, unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LONG,
  register,
  startWorld,
  type TestApp,
  type TestResponse,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

/** The request as a browser sends it without a language preference (the test client asks for English). */
async function withoutLanguage(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as TestResponse['body'] };
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

describe('problems in Vietnamese by default, in English on request', () => {
  it('409: an anonymous letter classified as a denunciation', async () => {
    const created = await register(app, t.reception, {
      receivedAt: '2026-11-16',
      anonymous: true,
      petitioners: [],
    });
    const path = `/api/v1/cases/${created.id}/classify`;
    const body = { kind: 'denunciation', competentUnitId: UNITS.province, processable: true };
    const vi = await withoutLanguage('POST', path, t.reception, body);
    expect(vi.status).toBe(409);
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(vi.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      title: 'Không thực hiện được ở trạng thái này',
      detail:
        'đơn nặc danh chỉ được phân loại là đơn phản ánh (Luật Tố cáo, Điều 25: tố cáo nặc danh không được xử lý như tố cáo; Luật Khiếu nại, khoản 5 Điều 11)',
    });
    const en = await app.request('POST', path, { token: t.reception, body });
    expect(en.status).toBe(409);
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body.detail).toBe(
      'an anonymous letter can only be classified as a reflection (LTC Art. 25: an anonymous denunciation is not processed as one; LKN Art. 11(5))',
    );
  });

  it('409: a state that does not allow the act names both states in Vietnamese', async () => {
    const created = await register(app, t.reception, { receivedAt: '2026-11-16' });
    const path = `/api/v1/cases/${created.id}/classify`;
    const body = { kind: 'complaint', competentUnitId: UNITS.province, processable: true, at: '2026-11-16' };
    expect((await app.request('POST', path, { token: t.reception, body })).status).toBe(200);
    const vi = await withoutLanguage('POST', path, t.reception, body);
    expect(vi.status).toBe(409);
    expect(vi.body.detail).toBe(
      'không thể phân loại hồ sơ đang ở trạng thái “đã phân loại” (chỉ thực hiện được khi hồ sơ ở trạng thái: “mới tiếp nhận”)',
    );
    const en = await app.request('POST', path, { token: t.reception, body });
    expect(en.body.detail).toBe('cannot classify a case that is classified (allowed from: received)');
  });

  it('400: a letter without petitioners, in the detail and in errors[].message', async () => {
    const body = {
      receivedAt: '2026-11-16',
      channel: 'post',
      receivingUnitId: UNITS.province,
      petitioners: [],
      subject: 'Đơn',
      content: 'Nội dung',
    };
    const vi = await withoutLanguage('POST', '/api/v1/cases', t.reception, body);
    expect(vi.status).toBe(400);
    expect(vi.body).toMatchObject({ code: 'VALIDATION_FAILED', title: 'Dữ liệu không hợp lệ' });
    expect(vi.body.detail).toBe('phải có ít nhất một người gửi đơn (hoặc anonymous: true)');
    expect(vi.body.errors).toEqual([
      { path: 'petitioners', message: 'phải có ít nhất một người gửi đơn (hoặc anonymous: true)' },
    ]);
    const en = await app.request('POST', '/api/v1/cases', { token: t.reception, body });
    expect(en.status).toBe(400);
    expect(en.body.detail).toBe('at least one petitioner (or anonymous: true)');
    expect(en.body.errors).toEqual([
      { path: 'petitioners', message: 'at least one petitioner (or anonymous: true)' },
    ]);
  });

  it('400: class-validator messages of several fields, part by part', async () => {
    const body = { receivedAt: '2026-13-01', channel: 'pigeon', subject: 7 };
    const vi = await withoutLanguage('POST', '/api/v1/cases', t.reception, body);
    expect(vi.status).toBe(400);
    expect(vi.body.errors.length).toBeGreaterThan(1);
    for (const e of vi.body.errors as { path: string; message: string }[])
      expect({ path: e.path, vietnamese: VIETNAMESE.test(e.message) }).toEqual({
        path: e.path,
        vietnamese: true,
      });
    for (const part of (vi.body.detail as string).split('; ')) expect(part).toMatch(VIETNAMESE);
  });

  it('403: a role without the permission', async () => {
    const vi = await withoutLanguage('GET', '/api/v1/deadlines/overdue', t.reception);
    expect(vi.status).toBe(403);
    expect(vi.body.code).toBe('FORBIDDEN');
    expect(vi.body.title).toBe('Không có quyền');
    expect(vi.body.detail).toMatch(/^vai trò của bạn không được thực hiện việc này/);
    const en = await app.request('GET', '/api/v1/deadlines/overdue', { token: t.reception });
    expect(en.body.detail).toMatch(/^requires \S+$/);
  });
});
