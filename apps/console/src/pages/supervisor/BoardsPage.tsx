import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, download, unwrap, type Schema } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, useUnitName } from '../../components/common';
import { UnitScopeFilter, type UnitScope } from '../../components/UnitScopeFilter';
import { formatDate, todayInVietnam } from '../../lib/format';
import { ruleName } from '../../lib/labels';

type OverdueRow = Schema<'OverdueItem'>;
type UpcomingRow = Schema<'UpcomingItem'>;
/** A letter nobody has classified yet (GET /deadlines/unclassified), oldest first. */
type UnclassifiedRow = Schema<'UnclassifiedItem'>;

interface Filters {
  unitId: string;
  includeSubunits: boolean;
  asOf: string;
  withinDays: number;
}

/** The form's values: the unit filter as one field. */
type FilterForm = Omit<Filters, 'unitId' | 'includeSubunits'> & { scope: UnitScope };

/** Giám sát thời hạn: the overdue and upcoming boards of a unit and its sub-units, with CSV export. */
export default function BoardsPage() {
  const user = useUser();
  const unitName = useUnitName();
  const { message } = App.useApp();
  const [f, setF] = useState<Filters>({
    unitId: user.unitId ?? 'nb',
    includeSubunits: true,
    asOf: todayInVietnam(),
    withinDays: 7,
  });
  const query = { unitId: f.unitId, includeSubunits: f.includeSubunits, asOf: f.asOf };
  const overdue = useQuery({
    queryKey: ['board', 'overdue', query],
    queryFn: async () => (await unwrap(api.GET('/api/v1/deadlines/overdue', { params: { query } }))).items,
  });
  const upcoming = useQuery({
    queryKey: ['board', 'upcoming', query, f.withinDays],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/deadlines/upcoming', {
            params: { query: { ...query, withinDays: f.withinDays } },
          }),
        )
      ).items,
  });
  const unclassified = useQuery({
    queryKey: ['board', 'unclassified', query],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/deadlines/unclassified', { params: { query } }))).items,
  });
  const exportCsv = async () => {
    const qs = new URLSearchParams({
      unitId: f.unitId,
      includeSubunits: String(f.includeSubunits),
      asOf: f.asOf,
    });
    try {
      await download(
        `/api/v1/deadlines/overdue?${qs}`,
        'text/csv',
        `ho-so-qua-han-${f.unitId}-${f.asOf}.csv`,
      );
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const common = [
    {
      title: 'Mã hồ sơ',
      dataIndex: 'trackingCode',
      render: (v: string, r: { caseId: string }) => <Link to={`/ho-so/${r.caseId}`}>{v}</Link>,
    },
    { title: 'Thời hạn', dataIndex: 'ruleId', render: (v: string) => ruleName(v) },
    { title: 'Hạn', dataIndex: 'dueOn', render: (v: string) => formatDate(v) },
    { title: 'Đơn vị', dataIndex: 'unitId', render: (v: string) => unitName(v) },
    {
      title: 'Thủ trưởng chịu trách nhiệm',
      dataIndex: 'headOfUnit',
      render: (v: OverdueRow['headOfUnit']) => v?.fullName ?? <Tag>Chưa có thủ trưởng</Tag>,
    },
    { title: 'Người xử lý', dataIndex: 'handlerId', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      <PageTitle>Giám sát thời hạn</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          layout="inline"
          initialValues={{
            scope: { unitId: f.unitId, includeSubunits: f.includeSubunits },
            asOf: f.asOf,
            withinDays: f.withinDays,
          }}
          onFinish={({ scope, ...v }) =>
            setF({
              ...f,
              ...v,
              unitId: scope.unitId ?? f.unitId,
              includeSubunits: scope.includeSubunits,
            })
          }
        >
          <Form.Item name="scope">
            <UnitScopeFilter />
          </Form.Item>
          <Form.Item name="asOf" label="Tính đến ngày">
            <DateField />
          </Form.Item>
          <Form.Item name="withinDays" label="Sắp đến hạn trong (ngày)">
            <InputNumber min={1} max={90} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              Xem
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ProblemAlert error={overdue.error ?? upcoming.error ?? unclassified.error} />
      <Tabs
        items={[
          {
            key: 'overdue',
            label: `Quá hạn (${overdue.data?.length ?? 0})`,
            children: (
              <>
                {can(user, 'exports') && (
                  <Space style={{ marginBottom: 12 }}>
                    <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
                      Xuất CSV
                    </Button>
                  </Space>
                )}
                <Table<OverdueRow>
                  rowKey={(r) => `${r.caseId}-${r.ruleId}-${r.dueOn}`}
                  size="middle"
                  loading={overdue.isFetching}
                  dataSource={overdue.data ?? []}
                  rowClassName={() => 'row-overdue'}
                  locale={{ emptyText: 'Không có hồ sơ quá hạn' }}
                  columns={[
                    ...common,
                    {
                      title: 'Số ngày quá hạn',
                      dataIndex: 'daysOverdue',
                      render: (v: number) => <Tag color="red">{v} ngày</Tag>,
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'upcoming',
            label: `Sắp đến hạn (${upcoming.data?.length ?? 0})`,
            children: (
              <Table<UpcomingRow>
                rowKey={(r) => `${r.caseId}-${r.ruleId}-${r.dueOn}`}
                size="middle"
                loading={upcoming.isFetching}
                dataSource={upcoming.data ?? []}
                rowClassName={() => 'row-soon'}
                locale={{ emptyText: 'Không có hồ sơ sắp đến hạn' }}
                columns={[
                  ...common,
                  {
                    title: 'Còn lại',
                    dataIndex: 'daysLeft',
                    render: (v: number) => <Tag color="orange">{v} ngày</Tag>,
                  },
                ]}
              />
            ),
          },
          {
            key: 'unclassified',
            label: `Chưa phân loại (${unclassified.data?.length ?? 0})`,
            children: (
              <Table<UnclassifiedRow>
                rowKey="caseId"
                size="middle"
                loading={unclassified.isFetching}
                dataSource={unclassified.data ?? []}
                rowClassName={(r) => (r.xldDueOn && r.xldDueOn < f.asOf ? 'row-overdue' : '')}
                locale={{ emptyText: 'Không có đơn chưa phân loại' }}
                columns={[
                  {
                    title: 'Mã hồ sơ',
                    dataIndex: 'trackingCode',
                    render: (v: string, r) => <Link to={`/ho-so/${r.caseId}`}>{v}</Link>,
                  },
                  { title: 'Ngày nhận', dataIndex: 'receivedAt', render: (v: string) => formatDate(v) },
                  {
                    title: 'Đã chờ',
                    dataIndex: 'ageWorkingDays',
                    render: (v: number | null) => (v === null ? '—' : `${v} ngày làm việc`),
                  },
                  {
                    title: 'Hạn xử lý đơn',
                    dataIndex: 'xldDueOn',
                    render: (v: string | null) => formatDate(v),
                  },
                  {
                    title: 'Đơn vị nhận',
                    dataIndex: 'receivingUnitId',
                    render: (v: string) => unitName(v),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
