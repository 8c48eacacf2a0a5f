import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  expectStatus,
  register,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * `GET /cases?q=` as Vietnamese users type (issue 18 item 6): without diacritics, in any case, with
 * either tone-mark placement, đ as d; every word must match; over tracking codes, subjects and the
 * content of cases that are not denunciations — never identities, never a denunciation's letter.
 */
describe('GET /cases?q= (diacritic-insensitive search)', () => {
  let app: TestApp;
  let t: Tokens;
  const ids: Record<string, string> = {};
  let codes: Record<string, string>;
  let position = 0;

  const search = async (s: string): Promise<string[]> => {
    const res = await app.request('GET', `/api/v1/cases?q=${encodeURIComponent(s)}&minPosition=${position}`, {
      token: t.supervisor,
    });
    expectStatus(res, 200);
    return (res.body.items as { id: string }[]).map((i) => i.id).sort();
  };
  const only = (...names: string[]) => names.map((n) => ids[n]).sort();

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld({ runProjections: true }));
    codes = {};
    const cases: [string, Record<string, unknown>][] = [
      [
        'land',
        {
          subject: 'Khiếu nại quyết định thu hồi đất',
          content: 'Không đồng ý mức bồi thường tại thửa số 12',
          kindHint: 'complaint',
          petitioners: [{ fullName: 'Lương Thế Vinh', idNumber: '001099012345', phone: '0912345678' }],
        },
      ],
      ['peace', { subject: 'Phản ánh tiếng ồn ở phường Hoà Bình', content: 'Quán karaoke mở khuya' }],
      [
        'mediation',
        { subject: 'Đề nghị hòa giải tranh chấp lối đi', content: 'Hai hộ liền kề', kindHint: 'petition' },
      ],
      [
        'secret',
        {
          subject: 'Tố cáo cán bộ địa chính',
          content: 'Nhận tiền ở thửa ruộng mương máng',
          kindHint: 'denunciation',
        },
      ],
      [
        'later',
        { subject: 'Kiến nghị sửa đường', content: 'Ổ gà trước cổng trường tiểu học', kindHint: 'complaint' },
      ],
    ];
    for (const [name, body] of cases) {
      const c = await register(app, t.reception, { receivedAt: '2026-11-16', ...body });
      ids[name] = c.id;
      codes[name] = c.trackingCode;
      position = Math.max(position, Number(c.position));
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('finds text with diacritics from a search without them, in any case', async () => {
    expect(await search('khieu nai')).toEqual(only('land'));
    expect(await search('KHIEU NAI')).toEqual(only('land'));
    expect(await search('Khiếu Nại')).toEqual(only('land'));
    expect(await search('khiếu nai')).toEqual(only('land'));
    expect(await search('thu hoi dat')).toEqual(only('land'));
  });

  it('folds đ/Đ to d, both ways', async () => {
    expect(await search('dat')).toEqual(only('land'));
    expect(await search('ĐẤT')).toEqual(only('land'));
    expect(await search('de nghi')).toEqual(only('mediation'));
  });

  it('matches both tone-mark placements (Hòa / Hoà) and text typed decomposed', async () => {
    const both = only('peace', 'mediation');
    expect(await search('Hòa')).toEqual(both);
    expect(await search('Hoà')).toEqual(both);
    expect(await search('hoa')).toEqual(both);
    expect(await search('hoà giải')).toEqual(only('mediation'));
    expect(await search('Hòa Bình'.normalize('NFD'))).toEqual(only('peace'));
  });

  it('requires every word, in any order, and searches content and tracking codes', async () => {
    expect(await search('dat khieu')).toEqual(only('land'));
    expect(await search('khieu karaoke')).toEqual([]);
    expect(await search('karaoke')).toEqual(only('peace'));
    expect(await search('bồi thuong')).toEqual(only('land'));
    expect(await search(codes.land.toLowerCase())).toEqual(only('land'));
    expect(await search('%')).toEqual([]); // a LIKE wildcard is literal
  });

  it('never searches identities', async () => {
    expect(await search('Lương Thế Vinh')).toEqual([]);
    expect(await search('vinh')).toEqual([]);
    expect(await search('001099012345')).toEqual([]);
    expect(await search('0912345678')).toEqual([]);
  });

  it("never searches a denunciation's letter: not when the desk hinted one, not after a case is classified as one", async () => {
    expect(await search('dia chinh')).toEqual(only('secret')); // its subject is listed anyway
    expect(await search('muong mang')).toEqual([]);
    expect(await search('o ga truong tieu hoc')).toEqual(only('later'));
    const classified = await command(app, t.handler, ids.later, 'classify', {
      processable: true,
      competentUnitId: UNITS.province,
      kind: 'denunciation',
    });
    position = Number(classified.body.position);
    expect(await search('o ga truong tieu hoc')).toEqual([]);
    expect(await search('sua duong')).toEqual(only('later'));
  });

  it('still finds after the case list is rebuilt from the log (the shadow table carries the column and its index)', async () => {
    await app.runner.rebuild('case-summaries.v1');
    expect(await search('khieu nai')).toEqual(only('land'));
    expect(await search('hoa')).toEqual(only('peace', 'mediation'));
    expect(await search('o ga truong tieu hoc')).toEqual([]);
    const idx: { indexdef: string }[] = await app.runtime.dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'rm_cases' AND indexdef LIKE '%gin_trgm_ops%'`,
    );
    expect(idx).toHaveLength(1);
  });
});
