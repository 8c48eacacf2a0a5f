import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import type { operations } from '../../api/schema';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, useUnitName } from '../../components/common';
import { UnitScopeFilter, type UnitScope } from '../../components/UnitScopeFilter';
import { formatDate, formatInstant } from '../../lib/format';
import { INSPECTION_EVENT_LABELS } from '../../lib/inspections';
import { eventLabel } from '../../lib/labels';

/** One act recorded late (GET /late-entries, docs/reference/deadlines.md §9). */
type LateEntry = Schema<'LateEntry'>;

/** An inspection's stream: `inspection-<id>`, the id its page takes (/thanh-tra/:id). */
const INSPECTION_STREAM = 'inspection-';

/** The Vietnamese name of a late act: a case's or a reception session's, or an inspection's. */
export const lateEntryActLabel = (type: string): string => INSPECTION_EVENT_LABELS[type] ?? eventLabel(type);

/** The acts `GET /late-entries` filters by (`type`, as the OpenAPI description lists them). */
type LateEntryType = NonNullable<
  NonNullable<operations['LateEntriesController_list']['parameters']['query']>['type']
>;

/**
 * Every act the API can list as late, by what it belongs to (a `Record` so that an act the API adds
 * fails the type check until it is placed here): a case's, a reception session's hold, an inspection's.
 */
const LATE_ENTRY_GROUPS: Record<LateEntryType, 'case' | 'reception' | 'inspection'> = {
  CaseReceived: 'case',
  CaseClassified: 'case',
  CaseReclassified: 'case',
  CaseAmended: 'case',
  CaseAccepted: 'case',
  CaseRejected: 'case',
  CaseGuided: 'case',
  CaseArchived: 'case',
  CaseTransferred: 'case',
  HandlerAssigned: 'case',
  HandlerUnassigned: 'case',
  DeadlineExtended: 'case',
  CaseSuspended: 'case',
  CaseResumed: 'case',
  DialogueRecorded: 'case',
  CaseResolved: 'case',
  CaseWithdrawn: 'case',
  CaseTerminated: 'case',
  CaseClosed: 'case',
  DeadlineMissed: 'case',
  DeadlineCorrected: 'case',
  DeadlineStarted: 'case',
  LookupPinReissued: 'case',
  ReceptionSessionHeld: 'reception',
  InspectionDecided: 'inspection',
  FieldworkStarted: 'inspection',
  InspectionConcluded: 'inspection',
  DirectiveIssued: 'inspection',
  RemediationPlanSubmitted: 'inspection',
  ProgressReported: 'inspection',
  RecommendationWaived: 'inspection',
  InspectionClosed: 'inspection',
};

const GROUP_LABELS = {
  case: 'Hồ sơ',
  reception: 'Buổi tiếp công dân',
  inspection: 'Thanh tra, kiểm tra',
} as const;

/** The options of the "Hành vi" filter: every act the list can show, grouped, in Vietnamese. */
export const LATE_ENTRY_TYPE_OPTIONS = (Object.keys(GROUP_LABELS) as (keyof typeof GROUP_LABELS)[]).map(
  (group) => ({
    label: GROUP_LABELS[group],
    options: (Object.keys(LATE_ENTRY_GROUPS) as LateEntryType[])
      .filter((type) => LATE_ENTRY_GROUPS[type] === group)
      .map((type) => ({ value: type, label: lateEntryActLabel(type) })),
  }),
);

interface Filters {
  unitId?: string;
  includeSubunits: boolean;
  from?: string;
  to?: string;
  type?: LateEntryType;
}

/** The form's values: the unit filter as one field. */
type FilterForm = Omit<Filters, 'unitId' | 'includeSubunits'> & { scope: UnitScope };

/**
 * Danh sách ghi muộn: the acts recorded more than LATE_ENTRY_GRACE_DAYS working days after their
 * business date, with who recorded them (auditors, supervisors).
 */
export default function LateEntriesPage() {
  const user = useUser();
  const unitName = useUnitName();
  const [f, setF] = useState<Filters>({ unitId: user.unitId ?? undefined, includeSubunits: true });
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['late-entries', f, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/late-entries', {
          params: {
            query: {
              ...(f.unitId ? { unitId: f.unitId } : {}),
              includeSubunits: f.includeSubunits,
              ...(f.from ? { from: f.from } : {}),
              ...(f.to ? { to: f.to } : {}),
              ...(f.type ? { type: f.type } : {}),
              page,
              pageSize: 50,
            },
          },
        }),
      ),
  });
  return (
    <>
      <PageTitle>Danh sách ghi muộn</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          layout="inline"
          initialValues={{ scope: { unitId: f.unitId, includeSubunits: f.includeSubunits } }}
          onFinish={({ scope, ...v }) => {
            setF({ ...v, unitId: scope.unitId, includeSubunits: scope.includeSubunits });
            setPage(1);
          }}
        >
          <Form.Item name="scope">
            <UnitScopeFilter allowClear />
          </Form.Item>
          <Form.Item name="from" label="Ghi từ ngày">
            <DateField />
          </Form.Item>
          <Form.Item name="to" label="đến ngày">
            <DateField />
          </Form.Item>
          <Form.Item name="type" label="Hành vi">
            <Select
              style={{ width: 260 }}
              allowClear
              showSearch
              optionFilterProp="label"
              options={LATE_ENTRY_TYPE_OPTIONS}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              Xem
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ProblemAlert error={list.error} />
      <Table<LateEntry>
        rowKey={(r) => `${r.streamId}-${r.recordedAt}-${r.type}`}
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: 'Không có hành vi nào ghi muộn' }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => `${n} hành vi ghi muộn`,
        }}
        columns={[
          {
            title: 'Hồ sơ',
            dataIndex: 'trackingCode',
            render: (v: string | null, r) =>
              r.caseId && v ? (
                <Link to={`/ho-so/${r.caseId}`}>{v}</Link>
              ) : r.streamId.startsWith('reception-') ? (
                'Buổi tiếp công dân'
              ) : r.streamId.startsWith(INSPECTION_STREAM) ? (
                <Link to={`/thanh-tra/${r.streamId.slice(INSPECTION_STREAM.length)}`}>
                  Cuộc thanh tra, kiểm tra
                </Link>
              ) : (
                <code>{r.streamId}</code>
              ),
          },
          { title: 'Hành vi', dataIndex: 'type', render: (v: string) => lateEntryActLabel(v) },
          { title: 'Ngày thực hiện', dataIndex: 'businessDate', render: (v: string | null) => formatDate(v) },
          {
            title: 'Thời điểm ghi vào hệ thống',
            dataIndex: 'recordedAt',
            render: (v: string) => formatInstant(v),
          },
          {
            title: 'Muộn',
            dataIndex: 'workingDaysLate',
            render: (v: number | null) => (v === null ? '—' : <Tag color="orange">{v} ngày làm việc</Tag>),
          },
          {
            title: 'Người ghi',
            dataIndex: 'actor',
            render: (a: LateEntry['actor']) => a?.name ?? a?.id ?? '—',
          },
          { title: 'Đơn vị', dataIndex: 'unitId', render: (v: string) => unitName(v) },
        ]}
      />
    </>
  );
}
