import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCase, useCaseHistory } from '../../api/cases';
import { ApiError, api, unwrap, type Schema } from '../../api/client';
import { PageTitle, ProblemAlert, StatusTag } from '../../components/common';
import { formatInstant } from '../../lib/format';
import { eventLabel, ROLE_LABELS } from '../../lib/labels';

/** One disclosure of a case's identities (GET /cases/:id/disclosures). */
type Disclosure = Schema<'Disclosure'>;
type HistoryEvent = Schema<'History'>['events'][number];

/**
 * What the page says when no case answers to the code typed: a whole sentence (the API's detail is a
 * fragment, "không có hồ sơ …"), which also covers a case outside the official's scope (the same 404).
 */
export const caseNotFoundText = (key: string): string =>
  `Không có hồ sơ mã “${key}”, hoặc hồ sơ không thuộc phạm vi bạn được xem. Kiểm tra lại mã hồ sơ.`;

/** Kiểm tra toàn vẹn: a case's history with its hash chain, the case as of an instant, verification. */
export default function AuditPage() {
  const [key, setKey] = useState('');
  const [asOf, setAsOf] = useState('');
  const view = useCase(key, { enabled: key !== '' });
  const id = view.data?.id ?? '';
  const history = useCaseHistory(id, id !== '');
  const past = useCase(id, { asOf, enabled: id !== '' && asOf !== '' });
  const disclosures = useQuery({
    queryKey: ['case', id, 'disclosures'],
    enabled: id !== '',
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases/{id}/disclosures', { params: { path: { id }, query: { pageSize: 200 } } }),
      ),
  });
  const verify = useMutation({
    mutationFn: () =>
      unwrap(
        api.GET('/api/v1/audit/streams/{streamId}/verify', { params: { path: { streamId: `case-${id}` } } }),
      ),
  });
  return (
    <>
      <PageTitle>Kiểm tra toàn vẹn hồ sơ</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={(v: { key: string }) => (setKey(v.key.trim()), verify.reset())}>
          <Form.Item name="key" label="Mã hồ sơ" rules={[{ required: true, message: 'Nhập mã hồ sơ' }]}>
            <Input style={{ width: 320 }} placeholder="VD: NBGIAVIEN-2026-000001" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            Tra cứu
          </Button>
        </Form>
      </Card>
      {view.error instanceof ApiError && view.error.status === 404 ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message="Không tìm thấy hồ sơ"
          description={caseNotFoundText(key)}
        />
      ) : (
        <ProblemAlert error={view.error ?? history.error} />
      )}
      {view.data ? (
        <>
          <Card
            size="small"
            title={
              <span>
                Hồ sơ {view.data.trackingCode} <StatusTag status={view.data.status} />
              </span>
            }
            style={{ marginBottom: 16 }}
            extra={
              <Button
                type="primary"
                icon={<SafetyCertificateOutlined />}
                loading={verify.isPending}
                onClick={() => verify.mutate()}
              >
                Kiểm tra chuỗi băm
              </Button>
            }
          >
            <ProblemAlert error={verify.error} />
            {verify.data?.ok === true ? (
              <Alert
                type="success"
                showIcon
                message="Chuỗi băm toàn vẹn"
                description={`${verify.data.events} sự kiện; mã băm cuối: ${verify.data.headHash}`}
              />
            ) : null}
            {verify.data?.ok === false ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                message="Phát hiện dữ liệu bị sửa đổi"
                description={`Chuỗi băm bị đứt tại sự kiện phiên bản ${verify.data.brokenAt?.version} (vị trí ${verify.data.brokenAt?.position}).`}
              />
            ) : null}
          </Card>
          <Card size="small" title="Lịch sử sự kiện" style={{ marginBottom: 16 }}>
            <Table<HistoryEvent>
              rowKey="version"
              size="small"
              pagination={false}
              loading={history.isFetching}
              dataSource={history.data?.events ?? []}
              rowClassName={(e) => (verify.data?.brokenAt?.version === e.version ? 'row-overdue' : '')}
              columns={[
                { title: 'Phiên bản', dataIndex: 'version', width: 90 },
                { title: 'Sự kiện', dataIndex: 'type', render: (v: string) => eventLabel(v) },
                { title: 'Thời điểm ghi', dataIndex: 'recordedAt', render: (v: string) => formatInstant(v) },
                {
                  title: 'Người thực hiện',
                  dataIndex: 'actor',
                  render: (a: HistoryEvent['actor']) => a?.name,
                },
                {
                  title: 'Mã băm',
                  dataIndex: 'hash',
                  render: (v: string, e) => (
                    <span className="hash">
                      {v}
                      {e.lateEntry ? <Tag color="orange">Ghi muộn</Tag> : null}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title="Nhật ký tiết lộ danh tính" style={{ marginBottom: 16 }}>
            <ProblemAlert error={disclosures.error} />
            <Table<Disclosure>
              rowKey="position"
              size="small"
              pagination={false}
              loading={disclosures.isFetching}
              dataSource={disclosures.data?.items ?? []}
              locale={{ emptyText: 'Chưa ai xem danh tính người gửi đơn của hồ sơ này' }}
              columns={[
                { title: 'Thời điểm', dataIndex: 'at', render: (v: string) => formatInstant(v) },
                {
                  title: 'Người xem',
                  dataIndex: 'disclosedTo',
                  render: (d: Disclosure['disclosedTo']) => (
                    <span>
                      {d.name}{' '}
                      {(d.roles ?? []).map((r) => (
                        <Tag key={r}>{ROLE_LABELS[r] ?? r}</Tag>
                      ))}
                    </span>
                  ),
                },
                { title: 'Lý do', dataIndex: 'reason' },
                {
                  title: 'Giấy tờ in tên',
                  dataIndex: 'document',
                  render: (v: string | null) => v ?? 'Xem trên hệ thống',
                },
              ]}
            />
          </Card>
          <Card size="small" title="Hồ sơ tại một thời điểm">
            <Space style={{ marginBottom: 12 }} wrap>
              {(history.data?.events ?? []).map((e) => (
                <Button key={e.version} size="small" onClick={() => setAsOf(e.recordedAt ?? '')}>
                  Sau “{eventLabel(e.type)}”
                </Button>
              ))}
            </Space>
            {past.data ? (
              <Descriptions size="small" bordered column={1}>
                <Descriptions.Item label="Thời điểm">{formatInstant(asOf)}</Descriptions.Item>
                <Descriptions.Item label="Trạng thái">
                  <StatusTag status={past.data.status} />
                </Descriptions.Item>
                <Descriptions.Item label="Phiên bản">{past.data.version}</Descriptions.Item>
              </Descriptions>
            ) : null}
            <ProblemAlert error={past.error} />
          </Card>
        </>
      ) : null}
    </>
  );
}
