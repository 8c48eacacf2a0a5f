import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { can } from '../auth/permissions';
import { useUser } from '../auth/session';
import { NAV } from '../components/Shell';
import { PageTitle } from '../components/common';
import { formatDate, todayInVietnam } from '../lib/format';

const DESCRIPTIONS: Record<string, string> = {
  '/tiep-nhan': 'Vào sổ đơn mới theo mọi hình thức tiếp nhận và in giấy biên nhận cho công dân.',
  '/tiep-nhan/hom-nay': 'Danh sách đơn đã tiếp nhận trong ngày.',
  '/ho-so-cua-toi': 'Hồ sơ được giao cho bạn, sắp xếp theo hạn gần nhất.',
  '/ho-so': 'Tìm hồ sơ theo mã, trích yếu, nội dung, trạng thái, đơn vị, ngày nhận.',
  '/giam-sat': 'Hồ sơ quá hạn và sắp đến hạn theo đơn vị; xuất tệp CSV.',
  '/thu-truong': 'Tỷ lệ giải quyết đúng hạn và việc tiếp công dân của người đứng đầu.',
  '/tiep-cong-dan': 'Lên lịch và ghi nhận các buổi tiếp công dân.',
  '/thanh-tra':
    'Các cuộc thanh tra, kiểm tra, kết luận và việc theo dõi, đôn đốc thực hiện kiến nghị sau thanh tra.',
  '/kiem-tra': 'Lịch sử sự kiện có mã băm, hồ sơ tại một thời điểm, kiểm tra toàn vẹn, nhật ký tiết lộ.',
  '/to-chuc': 'Cây tổ chức và người đứng đầu từng đơn vị.',
  '/quan-tri': 'Đơn vị, người đứng đầu, sáp nhập, xóa dữ liệu cá nhân.',
};

export default function HomePage() {
  const user = useUser();
  const items = NAV.filter(
    (n) =>
      n.key !== '/' &&
      (!n.ability || can(user, n.ability) || (n.key === '/tiep-cong-dan' && can(user, 'receptionDuty'))),
  );
  return (
    <>
      <PageTitle>Xin chào, {user.name}</PageTitle>
      <Typography.Paragraph type="secondary">
        Hôm nay là ngày {formatDate(todayInVietnam())} (giờ Việt Nam). Các chức năng bạn được sử dụng:
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {items.map((n) => (
          <Col key={n.key} xs={24} md={12} xl={8}>
            <Link to={n.key}>
              <Card
                hoverable
                title={
                  <span>
                    {n.icon} {n.label}
                  </span>
                }
              >
                {DESCRIPTIONS[n.key]}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
