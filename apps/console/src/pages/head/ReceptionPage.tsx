import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { ReceptionSession } from '../../api/types';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, useUnitName, useUnits } from '../../components/common';
import { formatDate, todayInVietnam } from '../../lib/format';
import { SESSION_STATUS_LABELS, label } from '../../lib/labels';

/** Lịch tiếp công dân: the sessions of the unit; schedule one, record that it was held. */
export default function ReceptionPage() {
  const user = useUser();
  const units = useUnits();
  const unitName = useUnitName();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [holding, setHolding] = useState<ReceptionSession | null>(null);
  const today = todayInVietnam();
  const query = { unitId: user.unitId ?? 'nb' };
  // The API has no list of sessions yet (GET /reception-sessions of docs/reference/api-contract.md, Reception sessions and reception duty, is to come): the page shows
  // the sessions scheduled here, each read back from GET /reception-sessions/:id.
  const [ids, setIds] = useState<string[]>([]);
  const sessions = useQuery({
    queryKey: ['reception-sessions', ids],
    queryFn: () =>
      Promise.all(
        ids.map((id) =>
          unwrap<ReceptionSession>(api.GET('/api/v1/reception-sessions/{id}', { params: { path: { id } } })),
        ),
      ),
  });
  const head = units.data?.items.find((u) => u.id === query.unitId)?.heads?.find((h) => !h.to);
  const schedule = useMutation({
    mutationFn: (v: { date: string; kind: 'periodic' | 'unscheduled'; mode: 'in_person' | 'online' }) =>
      unwrap(
        api.POST('/api/v1/reception-sessions', {
          body: { unitId: query.unitId, hostPersonId: head?.personId ?? user.id, ...v },
        }),
      ),
    onSuccess: (r) => {
      setIds((prev) => [...prev, (r as { id: string }).id]);
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
          <ProblemAlert error={schedule.error} />
          <Form
            layout="inline"
            initialValues={{ date: today, kind: 'periodic', mode: 'in_person' }}
            onFinish={(v) => schedule.mutate(v)}
          >
            <Form.Item name="date" label="Ngày tiếp" rules={[{ required: true }]}>
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
      <Table<ReceptionSession>
        rowKey="id"
        size="middle"
        loading={sessions.isFetching}
        dataSource={sessions.data ?? []}
        locale={{ emptyText: 'Chưa có buổi tiếp nào' }}
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
                <Button onClick={() => setHolding(s)}>Ghi nhận đã tiếp</Button>
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
          <ProblemAlert error={hold.error} />
          <Form
            layout="vertical"
            initialValues={{ heldOn: holding.date, citizensReceived: 1 }}
            onFinish={(v) => hold.mutate(v)}
          >
            <Form.Item name="heldOn" label="Ngày tổ chức" rules={[{ required: true }]}>
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
