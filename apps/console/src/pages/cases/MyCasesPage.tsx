import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { CaseTable } from '../../components/CaseTable';
import { PageTitle, ProblemAlert } from '../../components/common';
import { todayInVietnam, urgencyOf } from '../../lib/format';

const OPEN = ['received', 'classified', 'accepted', 'suspended', 'resolved'];

/** Hồ sơ tôi xử lý: the cases assigned to me, the nearest deadline first. */
export default function MyCasesPage() {
  const list = useQuery({
    queryKey: ['cases', 'mine'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: { query: { handlerId: 'me', sort: 'nextDueOn', pageSize: 200 } },
        }),
      ),
  });
  const items = (list.data?.items ?? []).filter((c) => OPEN.includes(c.status));
  const today = todayInVietnam();
  const overdue = items.filter((c) => c.nextDueOn && urgencyOf(c.nextDueOn, today) === 'overdue').length;
  const soon = items.filter((c) => c.nextDueOn && urgencyOf(c.nextDueOn, today) === 'soon').length;
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Tag color="red">Quá hạn: {overdue}</Tag>
            <Tag color="orange">Sắp đến hạn (≤ 5 ngày): {soon}</Tag>
            <Tag>Đang xử lý: {items.length}</Tag>
          </Space>
        }
      >
        Hồ sơ tôi xử lý
      </PageTitle>
      <ProblemAlert error={list.error} />
      {!list.isLoading && items.length === 0 ? (
        <Alert
          type="info"
          showIcon
          message="Chưa có hồ sơ nào được giao cho bạn."
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <CaseTable items={items} loading={list.isFetching} />
    </>
  );
}
