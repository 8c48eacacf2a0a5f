import { LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Layout, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, unwrap, type ApiError } from '../api/client';
import type { DemoOfficial } from '../api/types';
import { claimsOf, session } from '../auth/session';
import { ROLE_LABELS } from '../lib/labels';

const ROLE_ORDER = ['reception', 'handler', 'head', 'supervisor', 'auditor', 'admin'];

const ROLE_HINTS: Record<string, string> = {
  reception: 'Tiếp nhận, vào sổ đơn, in giấy biên nhận',
  handler: 'Phân loại, thụ lý, đối thoại, giải quyết hồ sơ',
  head: 'Giao việc, tiếp công dân định kỳ, chịu trách nhiệm về thời hạn',
  supervisor: 'Theo dõi hồ sơ quá hạn, sắp đến hạn, xuất báo cáo',
  auditor: 'Xem lịch sử, đối chiếu chuỗi băm, nhật ký tiết lộ',
  admin: 'Đơn vị, thủ trưởng, sáp nhập, xóa dữ liệu cá nhân',
};

export async function signInAsDemo(personId: string) {
  const s = await unwrap<{ token: string; expiresAt: string; official: DemoOfficial }>(
    api.POST('/api/v1/demo/sign-in', { body: { personId } }),
  );
  const user = { ...claimsOf(s.token), title: s.official.title, unitName: s.official.unitName };
  session.signIn(s.token, s.expiresAt, user, async () => {
    const r = await unwrap<{ token: string; expiresAt: string }>(
      api.POST('/api/v1/demo/sign-in', { body: { personId } }),
    );
    return r;
  });
}

/** The demo sign-in: choose an official of the demo organisation and sign in with one click. */
export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const officials = useQuery({
    queryKey: ['demo-officials'],
    queryFn: () => unwrap<{ items: DemoOfficial[] }>(api.GET('/api/v1/demo/officials')),
    retry: false,
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const signIn = async (o: DemoOfficial) => {
    setBusy(o.id);
    setError(null);
    try {
      await signInAsDemo(o.id);
      navigate(from === '/dang-nhap' ? '/' : from, { replace: true });
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(null);
    }
  };
  const sorted = [...(officials.data?.items ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <div className="app-brand">
          <span className="app-emblem" aria-hidden>
            ★
          </span>
          <div>
            <div className="app-brand-top">Cộng hòa xã hội chủ nghĩa Việt Nam</div>
            <div className="app-brand-title">Hệ thống quản lý tiếp công dân, xử lý đơn thư</div>
          </div>
        </div>
      </Layout.Header>
      <Layout.Content style={{ padding: '32px 24px', maxWidth: 1100, margin: '0 auto', width: '100%' }}>
        <main>
          <Typography.Title level={2} className="page-title">
            Đăng nhập
          </Typography.Title>
          {officials.isError ? (
            <Alert
              type="info"
              showIcon
              message="Đăng nhập thử nghiệm không được bật"
              description="Máy chủ này không chạy với dữ liệu mẫu (DEMO_SIGN_IN=1 trên cơ sở dữ liệu nhúng). Hãy đăng nhập bằng tài khoản của cơ quan."
            />
          ) : (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 24 }}
                message="Môi trường thử nghiệm với dữ liệu mẫu"
                description="Chọn một cán bộ của tổ chức mẫu (UBND tỉnh Ninh Bình) để đăng nhập với vai trò của người đó. Phiên đăng nhập chỉ lưu trong bộ nhớ của thẻ trình duyệt này."
              />
              {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
              {officials.isLoading ? <Skeleton active /> : null}
              <Row gutter={[16, 16]}>
                {sorted.map((o) => (
                  <Col key={o.id} xs={24} sm={12} lg={8}>
                    <Card
                      title={o.name}
                      extra={<Tag color="blue">{ROLE_LABELS[o.role] ?? o.role}</Tag>}
                      actions={[
                        <Button
                          key="in"
                          type="primary"
                          icon={<LoginOutlined />}
                          loading={busy === o.id}
                          onClick={() => void signIn(o)}
                          aria-label={`Đăng nhập với tư cách ${o.name}, ${ROLE_LABELS[o.role] ?? o.role}`}
                        >
                          Đăng nhập
                        </Button>,
                      ]}
                    >
                      <div>{o.title}</div>
                      <Typography.Text type="secondary">{o.unitName}</Typography.Text>
                      <div style={{ marginTop: 8, fontSize: 13 }}>{ROLE_HINTS[o.role]}</div>
                    </Card>
                  </Col>
                ))}
              </Row>
            </>
          )}
        </main>
      </Layout.Content>
    </Layout>
  );
}
