import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { CaseTable } from '../../components/CaseTable';
import { PageTitle, ProblemAlert } from '../../components/common';
import { formatDate, todayInVietnam } from '../../lib/format';

/** Đơn nhận hôm nay: what the desk registered today (Vietnam date). */
export default function TodayPage() {
  const today = todayInVietnam();
  const list = useQuery({
    queryKey: ['cases', 'today', today],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: { query: { receivedFrom: today, receivedTo: today, pageSize: 200 } },
        }),
      ),
  });
  return (
    <>
      <PageTitle
        extra={
          <Link to="/tiep-nhan">
            <Button type="primary" icon={<PlusOutlined />}>
              Tiếp nhận đơn mới
            </Button>
          </Link>
        }
      >
        Đơn nhận ngày {formatDate(today)}
      </PageTitle>
      <ProblemAlert error={list.error} />
      <CaseTable items={list.data?.items ?? []} loading={list.isFetching} />
    </>
  );
}
