import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
  type FormRule,
} from 'antd';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, useUnitName, useUnits } from '../../components/common';
import { daysBetween, formatDate, todayInVietnam } from '../../lib/format';
import { SESSION_STATUS_LABELS, label } from '../../lib/labels';

type ReceptionSession = Schema<'ReceptionSession'>;

/** The first and last day of the month `offset` months from the month of `date` (yyyy-MM-dd). */
export function monthOf(date: string, offset = 0): { from: string; to: string; label: string } {
  const [y, m] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + offset, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    from: iso(first),
    to: iso(last),
    label: `Tháng ${first.getUTCMonth() + 1}/${first.getUTCFullYear()}`,
  };
}

/**
 * The warning (not a refusal: a session may be entered after the fact) for a session scheduled on a
 * day already past — a year typed wrong (2020 for 2026) is caught before it lands in the calendar.
 */
export function pastScheduleWarning(date: string | null | undefined, today: string): string | null {
  if (!date || date >= today) return null;
  const days = daysBetween(date, today);
  const years = Math.floor(days / 365);
  const ago = years >= 1 ? `${years} năm` : `${days} ngày`;
  return `Ngày tiếp ${formatDate(date)} đã qua (cách hôm nay ${ago}). Kiểm tra lại ngày, tháng, năm; nếu đúng là buổi tiếp đã qua, vẫn có thể lên lịch.`;
}

/** The schedule form's date: required; a past day is warned about and still accepted. */
export const scheduleDateRules = (today: string): FormRule[] => [
  { required: true, message: 'Chọn ngày tiếp' },
  {
    warningOnly: true,
    validator: (_: unknown, value: string | null | undefined) => {
      const warning = pastScheduleWarning(value, today);
      return warning ? Promise.reject(new Error(warning)) : Promise.resolve();
    },
  },
];

/**
 * The day the hold form proposes: the session's own once it has come, else today — the API refuses a
 * `heldOn` after today, and a session held before its scheduled day was held on some day up to today.
 */
export const heldOnProposal = (sessionDate: string, today: string): string =>
  sessionDate <= today ? sessionDate : today;

/** The hold form's date: required, and not after today (as the API checks). */
export const heldOnRules = (today: string): FormRule[] => [
  { required: true, message: 'Chọn ngày tổ chức' },
  {
    validator: (_: unknown, value: string | null | undefined) =>
      value && value > today
        ? Promise.reject(new Error(`Ngày tổ chức không được sau hôm nay (${formatDate(today)})`))
        : Promise.resolve(),
  },
];

/**
 * Lịch tiếp công dân: the unit's sessions month by month (GET /reception-sessions); schedule one,
 * record that it was held.
 */
export default function ReceptionPage() {
  // The forms a refusal marks the fields of (ProblemAlert).
  const [scheduleForm] = Form.useForm();
  const [holdForm] = Form.useForm();
  const user = useUser();
  const units = useUnits();
  const unitName = useUnitName();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [holding, setHolding] = useState<ReceptionSession | null>(null);
  const today = todayInVietnam();
  const query = { unitId: user.unitId ?? 'nb' };
  const [offset, setOffset] = useState(0);
  const month = monthOf(today, offset);
  const sessions = useQuery({
    queryKey: ['reception-sessions', query.unitId, month.from, month.to],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/reception-sessions', {
            params: {
              query: { unitId: query.unitId, includeSubunits: false, from: month.from, to: month.to },
            },
          }),
        )
      ).items.sort((a, b) => a.date.localeCompare(b.date)),
  });
  const head = units.data?.items.find((u) => u.id === query.unitId)?.heads?.find((h) => !h.to);
  const schedule = useMutation({
    mutationFn: (v: { date: string; kind: 'periodic' | 'unscheduled'; mode: 'in_person' | 'online' }) =>
      unwrap(
        api.POST('/api/v1/reception-sessions', {
          body: { unitId: query.unitId, hostPersonId: head?.personId ?? user.id, ...v },
        }),
      ),
    onSuccess: (_, v) => {
      // Show the month of the new session.
      const [y, m] = v.date.split('-').map(Number);
      const [ty, tm] = today.split('-').map(Number);
      setOffset((y! - ty!) * 12 + (m! - tm!));
      message.success('Đã lên lịch buổi tiếp công dân');
      void qc.invalidateQueries({ queryKey: ['reception-sessions'] });
    },
  });
  const hold = useMutation({
    mutationFn: (v: { heldOn: string; citizensReceived: number }) =>
      unwrap(
        api.POST('/api/v1/reception-sessions/{id}/hold', {
          params: { path: { id: holding!.id } },
          body: { hostPersonId: holding!.hostPersonId, ...v },
        }),
      ),
    onSuccess: () => {
      message.success('Đã ghi nhận buổi tiếp công dân');
      setHolding(null);
      void qc.invalidateQueries({ queryKey: ['reception-sessions'] });
    },
  });
  return (
    <>
      <PageTitle>Lịch tiếp công dân — {unitName(query.unitId)}</PageTitle>
      {can(user, 'receptionSchedule') ? (
        <Card size="small" title="Lên lịch buổi tiếp" style={{ marginBottom: 16 }}>
          <ProblemAlert error={schedule.error} form={scheduleForm} />
          <Form
            form={scheduleForm}
            layout="inline"
            initialValues={{ date: today, kind: 'periodic', mode: 'in_person' }}
            onFinish={(v) => schedule.mutate(v)}
          >
            <Form.Item name="date" label="Ngày tiếp" rules={scheduleDateRules(today)}>
              <DateField />
            </Form.Item>
            <Form.Item name="kind" label="Loại">
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'periodic', label: 'Định kỳ' },
                  { value: 'unscheduled', label: 'Đột xuất' },
                ]}
              />
            </Form.Item>
            <Form.Item name="mode" label="Hình thức">
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'in_person', label: 'Trực tiếp' },
                  { value: 'online', label: 'Trực tuyến' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={schedule.isPending}>
              Lên lịch
            </Button>
          </Form>
          <div style={{ marginTop: 8, color: '#666' }}>Chủ trì: {head?.fullName ?? user.name}</div>
        </Card>
      ) : null}
      <ProblemAlert error={sessions.error} />
      <Space style={{ marginBottom: 12 }} align="center">
        <Button icon={<LeftOutlined />} aria-label="Tháng trước" onClick={() => setOffset((o) => o - 1)} />
        <Typography.Title level={3} style={{ margin: 0, minWidth: 160, textAlign: 'center' }}>
          {month.label}
        </Typography.Title>
        <Button icon={<RightOutlined />} aria-label="Tháng sau" onClick={() => setOffset((o) => o + 1)} />
        {offset !== 0 ? <Button onClick={() => setOffset(0)}>Tháng này</Button> : null}
      </Space>
      <Table<ReceptionSession>
        rowKey="id"
        size="middle"
        loading={sessions.isFetching}
        dataSource={sessions.data ?? []}
        locale={{ emptyText: 'Chưa có buổi tiếp nào trong tháng' }}
        pagination={false}
        columns={[
          { title: 'Ngày', dataIndex: 'date', render: (v: string) => formatDate(v) },
          {
            title: 'Loại',
            dataIndex: 'kind',
            render: (v: string) => (v === 'periodic' ? 'Định kỳ' : 'Đột xuất'),
          },
          {
            title: 'Hình thức',
            dataIndex: 'mode',
            render: (v: string) => (v === 'online' ? 'Trực tuyến' : 'Trực tiếp'),
          },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (v: string) => label(SESSION_STATUS_LABELS, v),
          },
          { title: 'Ngày tổ chức', dataIndex: 'heldOn', render: (v: string | null) => formatDate(v) },
          { title: 'Số công dân', dataIndex: 'citizensReceived', render: (v: number | null) => v ?? '—' },
          {
            title: '',
            key: 'act',
            render: (_: unknown, s) =>
              s.status === 'scheduled' && can(user, 'receptionHold') ? (
                <Button
                  onClick={() => {
                    hold.reset();
                    setHolding(s);
                  }}
                >
                  Ghi nhận đã tiếp
                </Button>
              ) : null,
          },
        ]}
      />
      {holding ? (
        <Modal
          open
          title={`Ghi nhận buổi tiếp ngày ${formatDate(holding.date)}`}
          footer={null}
          onCancel={() => setHolding(null)}
        >
          <ProblemAlert error={hold.error} form={holdForm} />
          <Form
            form={holdForm}
            // The one form instance serves each session's dialog in turn: nothing typed for one is kept for the next.
            preserve={false}
            layout="vertical"
            initialValues={{ heldOn: heldOnProposal(holding.date, today), citizensReceived: 1 }}
            onFinish={(v) => hold.mutate(v)}
          >
            <Form.Item
              name="heldOn"
              label="Ngày tổ chức"
              rules={heldOnRules(today)}
              extra={
                holding.date > today
                  ? `Buổi tiếp được lên lịch ngày ${formatDate(holding.date)}, chưa đến: chỉ ghi nhận được ngày đã tổ chức, muộn nhất là hôm nay (${formatDate(today)}).`
                  : undefined
              }
            >
              <DateField />
            </Form.Item>
            <Form.Item
              name="citizensReceived"
              label="Số lượt công dân được tiếp"
              rules={[{ required: true }]}
            >
              <InputNumber min={0} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={hold.isPending}>
              Ghi nhận
            </Button>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
