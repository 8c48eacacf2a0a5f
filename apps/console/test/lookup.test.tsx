import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LookupPage from '../src/pages/public/LookupPage';
import { Providers } from '../src/App';

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe("the citizen's lookup", () => {
  it('explains a status in the words Open311 publishes as its status_notes (one source)', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return new Response(
        JSON.stringify({
          trackingCode: 'NB-2026-000123',
          status: 'archived',
          receivedAt: '2026-11-20',
          handlingUnitName: 'UBND xã Một',
          nextDueOn: null,
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    });
    window.history.replaceState(null, '', '/tra-cuu?ma=NB-2026-000123#pin=ABCD2345');
    render(
      <Providers>
        <LookupPage />
      </Providers>,
    );
    await screen.findByText('Hồ sơ NB-2026-000123');
    // The same title and sentence as Open311's status_notes for an archived letter
    // (test/e2e/open311.e2e-spec.ts): "Đã lưu đơn. Đơn được lưu theo quy định, không tiếp tục xử lý."
    expect(screen.getByText('Đã lưu đơn', { exact: true })).toBeTruthy();
    expect(screen.getByText('Đơn được lưu theo quy định, không tiếp tục xử lý.')).toBeTruthy();
    expect(asked).toEqual(['/api/v1/public/cases/NB-2026-000123?pin=ABCD2345']);
  });
});
