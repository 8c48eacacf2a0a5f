import { BankOutlined, LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Layout, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type ApiError, type Schema } from '../api/client';
import { claimsOf, session } from '../auth/session';
import { ROLE_LABELS } from '../lib/labels';

type DemoOfficial = Schema<'DemoOfficialDto'>;

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
  const s = await unwrap(api.POST('/api/v1/demo/sign-in', { body: { personId } }));
  // The server started a session (httpOnly cookie): the token is renewed from it, and a reload keeps it.
  const user = { ...claimsOf(s.token), title: s.official.title, unitName: s.official.unitName };
  session.signIn(s.token, s.expiresAt, user);
}

/** Why the provider's sign-in came back without a session (the callback's `?loi=`). */
const OIDC_ERRORS: Record<string, string> = {
  'het-han': 'Phiên đăng nhập đã quá thời gian chờ. Vui lòng đăng nhập lại.',
  'nha-cung-cap': 'Không đăng nhập được qua hệ thống xác thực của cơ quan. Vui lòng thử lại sau.',
  'khong-co-vai-tro':
    'Tài khoản chưa được phân vai trò trong hệ thống đơn thư. Đề nghị liên hệ quản trị viên của cơ quan.',
};

/**
 * Signing in: through the agency's identity provider (OpenID Connect) when the server has one, and
 * the demo sign-in (choose an official of the demo organisation) when the server runs on demo data.
 */
export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(OIDC_ERRORS[params.get('loi') ?? ''] ?? null);
  const [busy, setBusy] = useState<string | null>(null);
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/methods')),
    retry: false,
  });
  const officials = useQuery({
    queryKey: ['demo-officials'],
    queryFn: () => unwrap(api.GET('/api/v1/demo/officials')),
    retry: false,
    enabled: methods.data?.demo === true,
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const returnTo = from === '/dang-nhap' ? '/' : from;
  const signIn = async (o: DemoOfficial) => {
    setBusy(o.id);
    setError(null);
    try {
      await signInAsDemo(o.id);
      navigate(returnTo, { replace: true });
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
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
          {methods.isLoading ? <Skeleton active /> : null}
          {methods.data?.oidc ? (
            <Card style={{ marginBottom: 24, maxWidth: 560 }}>
              <Typography.Paragraph>
                Đăng nhập bằng tài khoản do cơ quan cấp. Trình duyệt sẽ chuyển sang trang xác thực của cơ quan
                rồi quay lại hệ thống.
              </Typography.Paragraph>
              <Button
                type="primary"
                size="large"
                icon={<BankOutlined />}
                href={`/api/v1/auth/oidc/sign-in?returnTo=${encodeURIComponent(returnTo)}`}
              >
                Đăng nhập bằng tài khoản cơ quan
              </Button>
            </Card>
          ) : null}
          {methods.data && !methods.data.oidc && !methods.data.demo ? (
            <Alert
              type="info"
              showIcon
              message="Chưa cấu hình đăng nhập"
              description="Máy chủ chưa được cấu hình hệ thống xác thực của cơ quan (OIDC_ISSUER_URL). Đề nghị liên hệ quản trị viên."
            />
          ) : null}
          {!methods.data?.demo ? null : officials.isError ? (
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
