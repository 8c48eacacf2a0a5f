import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { NotAllowed } from '../../components/Shell';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, UnitSelect, useUnitName, useUnits } from '../../components/common';
import { UnitScopeFilter, type UnitScope } from '../../components/UnitScopeFilter';
import { formatDate, todayInVietnam } from '../../lib/format';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_STATUS_COLORS,
  INSPECTION_STATUS_LABELS,
  inspectionRights,
  reportScheduleText,
} from '../../lib/inspections';
import { label } from '../../lib/labels';

type ListItem = Schema<'InspectionListItem'>;
type FollowUpItem = Schema<'FollowUpItem'>;
type Status = 'decided' | 'fieldwork' | 'concluded' | 'closed';

const statusOptions = Object.entries(INSPECTION_STATUS_LABELS).map(([value, text]) => ({
  value,
  label: text,
}));

export function InspectionStatusTag({ status }: { status: string }) {
  return (
    <Tag color={INSPECTION_STATUS_COLORS[status] ?? 'default'}>{label(INSPECTION_STATUS_LABELS, status)}</Tag>
  );
}

/**
 * Thanh tra, kiểm tra: the inspections in the user's scope (GET /inspections) with a unit and a status
 * filter; the follow-up board of open recommendations (GET /inspections/follow-up) for those who read
 * boards; deciding a new inspection for heads and admins.
 */
export default function InspectionsPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  if (!can(user, 'inspections')) return <NotAllowed />;
  const tab = params.get('xem') === 'theo-doi' && can(user, 'boards') ? 'follow-up' : 'list';
  return (
    <>
      <PageTitle extra={<DecideButton />}>Thanh tra, kiểm tra</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'follow-up' ? { xem: 'theo-doi' } : {})}
        items={[
          { key: 'list', label: 'Các cuộc thanh tra, kiểm tra', children: <InspectionList /> },
          ...(can(user, 'boards')
            ? [{ key: 'follow-up', label: 'Theo dõi thực hiện kiến nghị', children: <FollowUpBoard /> }]
            : []),
        ]}
      />
    </>
  );
}

function InspectionList() {
  const user = useUser();
  const unitName = useUnitName();
  const [scope, setScope] = useState<UnitScope>({ unitId: user.unitId ?? undefined, includeSubunits: true });
  const { unitId, includeSubunits } = scope;
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['inspections', unitId, includeSubunits, status, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inspections', {
          params: { query: { unitId, includeSubunits, status, page, pageSize: 20 } },
        }),
      ),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <UnitScopeFilter
          placeholder={user.unitId ? 'Đơn vị' : 'Tất cả đơn vị'}
          allowClear={!user.unitId}
          width={280}
          value={scope}
          onChange={(next) => {
            setScope(next);
            setPage(1);
          }}
        />
        <Select<Status>
          aria-label="Trạng thái"
          placeholder="Mọi trạng thái"
          allowClear
          style={{ width: 200 }}
          options={statusOptions as { value: Status; label: string }[]}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
      </Space>
      <ProblemAlert error={list.error} />
      <Table<ListItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: 'Không có cuộc thanh tra, kiểm tra nào' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: 'Tên cuộc thanh tra, kiểm tra',
            dataIndex: 'title',
            render: (v: string, i) => <Link to={`/thanh-tra/${i.id}`}>{v}</Link>,
          },
          { title: 'Hình thức', dataIndex: 'kind', render: (v: string) => label(INSPECTION_KIND_LABELS, v) },
          { title: 'Đơn vị chủ trì', dataIndex: 'leadUnitId', render: (v: string) => unitName(v) },
          { title: 'Đối tượng', dataIndex: 'inspectedUnitId', render: (v: string) => unitName(v) },
          { title: 'Ngày quyết định', dataIndex: 'decidedOn', render: (v: string) => formatDate(v) },
          { title: 'Ngày kết luận', dataIndex: 'concludedOn', render: (v: string | null) => formatDate(v) },
          {
            title: 'Kiến nghị',
            key: 'recs',
            render: (_: unknown, i) =>
              i.recommendations ? `${i.openRecommendations} đang thực hiện / ${i.recommendations}` : '—',
          },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (v: string) => <InspectionStatusTag status={v} />,
          },
        ]}
      />
    </>
  );
}

function FollowUpBoard() {
  const user = useUser();
  const unitName = useUnitName();
  const [scope, setScope] = useState<UnitScope>({ unitId: user.unitId ?? undefined, includeSubunits: true });
  const { unitId, includeSubunits } = scope;
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [page, setPage] = useState(1);
  const board = useQuery({
    queryKey: ['inspections-follow-up', unitId, includeSubunits, asOf, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inspections/follow-up', {
          params: { query: { unitId, includeSubunits, asOf, page, pageSize: 50 } },
        }),
      ),
  });
  const items = board.data?.items ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <UnitScopeFilter
          label="Đơn vị thực hiện kiến nghị"
          placeholder={user.unitId ? 'Đơn vị' : 'Tất cả đơn vị'}
          allowClear={!user.unitId}
          width={280}
          value={scope}
          onChange={(next) => {
            setScope(next);
            setPage(1);
          }}
        />
        <span>
          Tính đến ngày{' '}
          <span style={{ display: 'inline-block', width: 160 }}>
            <DateField aria-label="Tính đến ngày" value={asOf} onChange={(v) => v && setAsOf(v)} />
          </span>
        </span>
      </Space>
      <Typography.Paragraph type="secondary">
        Các kiến nghị chưa hoàn thành: hạn báo cáo tiếp theo, số kỳ báo cáo đã quá hạn và hạn khắc phục.
      </Typography.Paragraph>
      <ProblemAlert error={board.error} />
      <Table<FollowUpItem>
        rowKey={(r) => `${r.inspectionId}/${r.recommendationId}`}
        size="middle"
        loading={board.isFetching}
        dataSource={items}
        locale={{ emptyText: 'Không có kiến nghị nào đang phải theo dõi' }}
        rowClassName={(r) => (r.overdue || r.remediationOverdue ? 'row-overdue' : '')}
        pagination={{
          current: page,
          pageSize: 50,
          total: board.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: 'Cuộc thanh tra, kiểm tra',
            key: 'inspection',
            render: (_: unknown, r) => (
              <Link to={`/thanh-tra/${r.inspectionId}`}>{r.title ?? r.inspectionId}</Link>
            ),
          },
          { title: 'Kiến nghị', key: 'text', render: (_: unknown, r) => r.text ?? r.recommendationId },
          { title: 'Đơn vị thực hiện', dataIndex: 'ownerUnitId', render: (v: string) => unitName(v) },
          {
            title: 'Kỳ báo cáo',
            key: 'schedule',
            render: (_: unknown, r) => reportScheduleText(r, formatDate),
          },
          {
            title: 'Báo cáo gần nhất',
            dataIndex: 'lastReportOn',
            render: (v?: string | null) => formatDate(v),
          },
          {
            title: 'Hạn báo cáo tiếp theo',
            dataIndex: 'nextReportDue',
            render: (v: string | null, r) =>
              v ? (
                <span>
                  {formatDate(v)}{' '}
                  {r.overdue ? <Tag color="red">Quá hạn {r.overdueReports ?? 1} kỳ</Tag> : null}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: 'Hạn khắc phục',
            dataIndex: 'remediationDueOn',
            render: (v: string | null | undefined, r) =>
              v ? (
                <span>
                  {formatDate(v)} {r.remediationOverdue ? <Tag color="red">Quá hạn</Tag> : null}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}

/** Quyết định thanh tra, kiểm tra: for heads (a lead unit in their scope) and admins. */
function DecideButton() {
  const user = useUser();
  const units = useUnits();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const rights = inspectionRights(user, units.data?.items ?? []);
  const decide = useMutation({
    mutationFn: (body: Schema<'DecideInspectionDto'>) => unwrap(api.POST('/api/v1/inspections', { body })),
    onSuccess: (i) => {
      message.success('Đã ghi nhận quyết định thanh tra, kiểm tra');
      setOpen(false);
      navigate(`/thanh-tra/${i.id}`);
    },
  });
  if (!rights.decide) return null;
  const leadUnits = (units.data?.items ?? [])
    .filter((u) => !u.ceasedOn && rights.lead(u.id))
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Quyết định thanh tra, kiểm tra
      </Button>
      {open ? (
        <Modal
          open
          title="Quyết định thanh tra, kiểm tra"
          okText="Ghi nhận"
          cancelText="Hủy"
          confirmLoading={decide.isPending}
          onOk={() => form.submit()}
          onCancel={() => setOpen(false)}
          width={640}
          destroyOnHidden
        >
          <ProblemAlert error={decide.error} form={form} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{
              kind: 'inspection',
              decidedOn: todayInVietnam(),
              leadUnitId: user.unitId ?? undefined,
            }}
            onFinish={(v: Schema<'DecideInspectionDto'>) => decide.mutate({ ...v, title: v.title.trim() })}
          >
            <Form.Item
              name="title"
              label="Tên cuộc thanh tra, kiểm tra"
              rules={[{ required: true, whitespace: true, message: 'Nhập tên cuộc thanh tra, kiểm tra' }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="kind" label="Hình thức" rules={[{ required: true, message: 'Chọn hình thức' }]}>
              <Select
                options={Object.entries(INSPECTION_KIND_LABELS).map(([value, text]) => ({
                  value,
                  label: text,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="leadUnitId"
              label="Đơn vị chủ trì (cơ quan thanh tra)"
              rules={[{ required: true, message: 'Chọn đơn vị chủ trì' }]}
            >
              <Select showSearch optionFilterProp="label" options={leadUnits} />
            </Form.Item>
            <Form.Item
              name="inspectedUnitId"
              label="Đơn vị được thanh tra, kiểm tra"
              rules={[{ required: true, message: 'Chọn đơn vị được thanh tra, kiểm tra' }]}
            >
              <UnitSelect active />
            </Form.Item>
            <Form.Item
              name="decidedOn"
              label="Ngày ban hành quyết định"
              rules={[{ required: true, message: 'Nhập ngày' }]}
            >
              <DateField />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
