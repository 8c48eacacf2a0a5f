import {
  AuditOutlined,
  BarChartOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  InboxOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { can, type Ability } from '../auth/permissions';
import { session, useSession } from '../auth/session';
import { ROLE_LABELS } from '../lib/labels';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  ability?: Ability;
}

/** The navigation shows only what the signed-in official's role may do. */
export const NAV: NavItem[] = [
  { key: '/', label: 'Tổng quan', icon: <DashboardOutlined /> },
  { key: '/tiep-nhan', label: 'Tiếp nhận đơn', icon: <FileAddOutlined />, ability: 'register' },
  { key: '/tiep-nhan/hom-nay', label: 'Đơn nhận hôm nay', icon: <InboxOutlined />, ability: 'register' },
  { key: '/ho-so-cua-toi', label: 'Hồ sơ tôi xử lý', icon: <UnorderedListOutlined />, ability: 'command' },
  { key: '/ho-so', label: 'Tra cứu hồ sơ', icon: <FileSearchOutlined />, ability: 'readCases' },
  { key: '/giam-sat', label: 'Giám sát thời hạn', icon: <ScheduleOutlined />, ability: 'boards' },
  { key: '/thong-ke', label: 'Thống kê, báo cáo', icon: <BarChartOutlined />, ability: 'statistics' },
  {
    key: '/thu-truong',
    label: 'Trách nhiệm người đứng đầu',
    icon: <TeamOutlined />,
    ability: 'accountability',
  },
  {
    key: '/tiep-cong-dan',
    label: 'Lịch tiếp công dân',
    icon: <CalendarOutlined />,
    ability: 'receptionSchedule',
  },
  {
    key: '/thanh-tra',
    label: 'Thanh tra, kiểm tra',
    icon: <SafetyCertificateOutlined />,
    ability: 'inspections',
  },
  { key: '/kiem-tra', label: 'Kiểm tra toàn vẹn', icon: <AuditOutlined />, ability: 'audit' },
  { key: '/ghi-muon', label: 'Danh sách ghi muộn', icon: <HistoryOutlined />, ability: 'lateEntries' },
  { key: '/to-chuc', label: 'Cơ cấu tổ chức', icon: <ApartmentOutlined /> },
  { key: '/quan-tri', label: 'Quản trị', icon: <SettingOutlined />, ability: 'admin' },
];

export function Shell() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user)
    return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  const items = NAV.filter(
    (n) => !n.ability || can(user, n.ability) || (n.key === '/tiep-cong-dan' && can(user, 'receptionDuty')),
  );
  const selected =
    [...items]
      .sort((a, b) => b.key.length - a.key.length)
      .find((n) => (n.key === '/' ? location.pathname === '/' : location.pathname.startsWith(n.key)))?.key ??
    '/';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#noi-dung" className="skip-link">
        Bỏ qua điều hướng
      </a>
      <Layout.Header className="app-header no-print">
        <div className="app-brand">
          <span className="app-emblem" aria-hidden>
            ★
          </span>
          <div>
            <div className="app-brand-top">{user.unitName ?? 'Cơ quan hành chính nhà nước'}</div>
            <div className="app-brand-title">Hệ thống quản lý tiếp công dân, xử lý đơn thư</div>
          </div>
        </div>
        <Space size="middle" className="app-user">
          <span>
            <Typography.Text strong style={{ color: '#fff' }}>
              {user.name}
            </Typography.Text>
            {user.title ? <span className="app-user-title"> · {user.title}</span> : null}
          </span>
          {user.roles.map((r) => (
            <Tag key={r} color="gold">
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
          <Button
            icon={<LogoutOutlined />}
            onClick={() => {
              // Ends the server's session; after an OpenID Connect sign-in, the provider's too.
              void session.end().then((endSessionUrl) => {
                if (endSessionUrl) window.location.assign(endSessionUrl);
                else navigate('/dang-nhap');
              });
            }}
          >
            Đăng xuất
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={250} theme="light" breakpoint="lg" collapsedWidth={0} className="no-print">
          <nav aria-label="Chức năng">
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              items={items.map((n) => ({ key: n.key, icon: n.icon, label: n.label }))}
              onClick={(e) => navigate(e.key)}
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="noi-dung" className="app-content" tabIndex={-1}>
          <main>
            <Suspense fallback={<Spin size="large" style={{ margin: 48 }} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A page the role may not open (the API would answer 403 anyway). */
export function NotAllowed() {
  return (
    <Result status="403" title="Không có quyền" subTitle="Vai trò của bạn không được dùng chức năng này." />
  );
}
