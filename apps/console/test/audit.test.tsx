import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

// The API client takes `fetch` when its module loads: the stand-in must be there first. It answers
// as the API does for a code no case has (GET /api/v1/cases/:id, 404, the detail a fragment).
const asked = vi.hoisted(() => {
  const urls: string[] = [];
  globalThis.fetch = async (input: RequestInfo | URL) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return new Response(
      JSON.stringify({
        type: 'about:blank',
        title: 'Không tìm thấy',
        status: 404,
        detail: 'không có hồ sơ NB-2026-999999',
        code: 'NOT_FOUND',
      }),
      { status: 404, headers: { 'content-type': 'application/problem+json' } },
    );
  };
  return urls;
});

const { Providers } = await import('../src/App');
const { default: AuditPage } = await import('../src/pages/auditor/AuditPage');

describe('the integrity check page', () => {
  it('says in a whole sentence that no case has the code typed', async () => {
    render(
      <Providers>
        <MemoryRouter>
          <AuditPage />
        </MemoryRouter>
      </Providers>,
    );
    fireEvent.change(screen.getByLabelText('Mã hồ sơ'), { target: { value: ' NB-2026-999999 ' } });
    fireEvent.click(screen.getByRole('button', { name: /Tra cứu/ }));
    await screen.findByText('Không tìm thấy hồ sơ');
    const sentence = screen.getByText(/^Không có hồ sơ mã “NB-2026-999999”/);
    expect(sentence.textContent).toBe(
      'Không có hồ sơ mã “NB-2026-999999”, hoặc hồ sơ không thuộc phạm vi bạn được xem. Kiểm tra lại mã hồ sơ.',
    );
    expect(screen.queryByText(/^không/)).toBeNull();
    expect(asked.some((u) => u.endsWith('/api/v1/cases/NB-2026-999999'))).toBe(true);
  }, 30_000);
});
