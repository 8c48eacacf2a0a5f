import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { useEffect, useState } from 'react';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { router } from './routes';
import { ApiError } from './api/client';
import { session } from './auth/session';

dayjs.locale('vi');

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Government back-office look: a sober blue, the national red for the banner. */
export const THEME = {
  token: {
    colorPrimary: '#0b4f8a',
    // WCAG AA contrast (4.5:1) on white and on the pale row colours (axe-core in test/browser).
    colorLink: '#0b4f8a',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#767676',
    colorError: '#c62828',
    colorWarning: '#d48806',
    borderRadius: 4,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  },
  // An empty table's "no data" text is drawn in the disabled colour: readable here.
  components: { Table: { colorTextDisabled: '#595959' }, Empty: { colorTextDisabled: '#595959' } },
};

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ConfigProvider locale={viVN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The server's session outlives a reload: the console asks it for a token before the first page. */
export function App() {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    void session.restore().finally(() => setRestored(true));
  }, []);
  return (
    <Providers>
      {restored ? (
        <RouterProvider router={router} />
      ) : (
        <div
          role="status"
          aria-label="Đang tải"
          style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}
        >
          <Spin size="large" />
        </div>
      )}
    </Providers>
  );
}
