import { Table, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import type { Schema } from '../api/client';
import { daysBetween, formatDate, todayInVietnam, urgencyOf } from '../lib/format';
import { KIND_LABELS, label, ruleName } from '../lib/labels';
import { StatusTag, useUnitName } from './common';

/** Due date with its urgency: red when overdue, amber when due within five days. */
export function DueTag({ dueOn, ruleId }: { dueOn: string | null | undefined; ruleId?: string | null }) {
  if (!dueOn) return <span>—</span>;
  const today = todayInVietnam();
  const u = urgencyOf(dueOn, today);
  const left = daysBetween(today, dueOn);
  const text =
    u === 'overdue' ? `quá hạn ${-left} ngày` : left === 0 ? 'đến hạn hôm nay' : `còn ${left} ngày`;
  return (
    <Tooltip title={ruleId ? ruleName(ruleId) : undefined}>
      <span>
        {formatDate(dueOn)}{' '}
        <Tag color={u === 'overdue' ? 'red' : u === 'soon' ? 'orange' : 'default'}>{text}</Tag>
      </span>
    </Tooltip>
  );
}

type CaseListItem = Schema<'CaseListItem'>;

export function CaseTable({
  items,
  loading,
  total,
  page,
  pageSize,
  onPage,
  showDue = true,
}: {
  items: CaseListItem[];
  loading?: boolean;
  total?: number;
  page?: number;
  pageSize?: number;
  onPage?: (page: number, pageSize: number) => void;
  showDue?: boolean;
}) {
  const unitName = useUnitName();
  const today = todayInVietnam();
  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      rowClassName={(r) =>
        showDue && r.nextDueOn
          ? urgencyOf(r.nextDueOn, today) === 'overdue'
            ? 'row-overdue'
            : urgencyOf(r.nextDueOn, today) === 'soon'
              ? 'row-soon'
              : ''
          : ''
      }
      pagination={
        onPage
          ? {
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              showTotal: (t) => `${t} hồ sơ`,
              onChange: onPage,
            }
          : false
      }
      locale={{ emptyText: 'Không có hồ sơ' }}
      columns={[
        {
          title: 'Mã hồ sơ',
          dataIndex: 'trackingCode',
          render: (v: string, r) => <Link to={`/ho-so/${r.id}`}>{v}</Link>,
        },
        { title: 'Ngày nhận', dataIndex: 'receivedAt', render: (v: string) => formatDate(v), width: 110 },
        { title: 'Trích yếu', dataIndex: 'subject', ellipsis: true },
        {
          title: 'Loại đơn',
          dataIndex: 'kind',
          render: (v: string | null) => (v ? label(KIND_LABELS, v) : 'Chưa phân loại'),
        },
        { title: 'Trạng thái', dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
        {
          title: 'Đơn vị',
          key: 'unit',
          render: (_: unknown, r) => unitName(r.competentUnitId ?? r.receivingUnitId),
          ellipsis: true,
        },
        ...(showDue
          ? [
              {
                title: 'Hạn gần nhất',
                key: 'due',
                render: (_: unknown, r: CaseListItem) => <DueTag dueOn={r.nextDueOn} ruleId={r.nextRuleId} />,
              },
            ]
          : []),
      ]}
    />
  );
}
