import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { api, unwrap, type Schema } from '../../api/client';
import { useUser } from '../../auth/session';
import { PageTitle, ProblemAlert, useUnitName } from '../../components/common';
import { addDays, formatDate, todayInVietnam } from '../../lib/format';

type AccountabilityRow = Schema<'AccountabilityRow'>;
type ReceptionDutyRow = Schema<'ReceptionDutyRow'>;

/** Trách nhiệm người đứng đầu: on-time figures and reception duty, for the last twelve months. */
export default function HeadPage() {
  const user = useUser();
  const unitName = useUnitName();
  const to = todayInVietnam();
  const from = addDays(to, -365);
  const query = { unitId: user.unitId ?? 'nb', from, to };
  const acc = useQuery({
    queryKey: ['accountability', query],
    queryFn: async () => (await unwrap(api.GET('/api/v1/accountability', { params: { query } }))).items,
  });
  const duty = useQuery({
    queryKey: ['reception-duty', query],
    queryFn: async () => (await unwrap(api.GET('/api/v1/reception-duty', { params: { query } }))).items,
  });
  const term = (r: { from: string; to: string | null }) =>
    `${formatDate(r.from)} – ${r.to ? formatDate(r.to) : 'nay'}`;
  return (
    <>
      <PageTitle>Trách nhiệm người đứng đầu</PageTitle>
      <p>
        {unitName(query.unitId)}, từ {formatDate(from)} đến {formatDate(to)}.
      </p>
      <ProblemAlert error={acc.error ?? duty.error} />
      <Card size="small" title="Giải quyết đúng hạn" style={{ marginBottom: 16 }}>
        <Table<AccountabilityRow>
          rowKey={(r) => `${r.personId}-${r.from}`}
          size="middle"
          pagination={false}
          loading={acc.isFetching}
          dataSource={acc.data ?? []}
          columns={[
            {
              title: 'Người đứng đầu',
              dataIndex: 'fullName',
              render: (v: string | null) => v ?? 'Khuyết thủ trưởng',
            },
            { title: 'Nhiệm kỳ', key: 'term', render: (_: unknown, r) => term(r) },
            { title: 'Đến hạn', dataIndex: 'due' },
            { title: 'Đúng hạn', dataIndex: 'met' },
            { title: 'Quá hạn', dataIndex: 'missed' },
            { title: 'Đang chạy', dataIndex: 'open' },
            {
              title: 'Tỷ lệ đúng hạn',
              dataIndex: 'onTimeRate',
              render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`),
            },
            { title: 'Đối thoại', dataIndex: 'dialoguesHeld' },
          ]}
        />
      </Card>
      <Card size="small" title="Tiếp công dân định kỳ">
        <Table<ReceptionDutyRow>
          rowKey={(r) => `${r.personId}-${r.from}`}
          size="middle"
          pagination={false}
          loading={duty.isFetching}
          dataSource={duty.data ?? []}
          columns={[
            { title: 'Người đứng đầu', dataIndex: 'fullName' },
            { title: 'Nhiệm kỳ', key: 'term', render: (_: unknown, r) => term(r) },
            { title: 'Số kỳ phải tiếp', dataIndex: 'required' },
            { title: 'Số ngày đã tiếp', dataIndex: 'held' },
            { title: 'Số kỳ không tiếp', dataIndex: 'missing' },
          ]}
        />
      </Card>
    </>
  );
}
