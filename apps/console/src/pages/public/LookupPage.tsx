import { Alert, Button, Card, Descriptions, Form, Input, Layout, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDate } from '../../lib/format';
import { CITIZEN_STATUS_LABELS, STATUS_COLORS } from '../../lib/labels';

/** What `GET /api/v1/public/cases/:trackingCode?pin=` answers (docs/reference/api-contract.md, Public lookup). */
interface PublicCase {
  trackingCode: string;
  status: string;
  receivedAt: string | null;
  handlingUnitName: string | null;
  nextDueOn: string | null;
}

type Outcome =
  { kind: 'found'; data: PublicCase } | { kind: 'not-found' } | { kind: 'limited' } | { kind: 'error' };

async function lookUp(code: string, pin: string): Promise<Outcome> {
  try {
    const res = await fetch(
      `/api/v1/public/cases/${encodeURIComponent(code.trim())}?pin=${encodeURIComponent(pin.trim())}`,
      { headers: { Accept: 'application/json', 'Accept-Language': 'vi' }, cache: 'no-store' },
    );
    if (res.ok) return { kind: 'found', data: (await res.json()) as PublicCase };
    if (res.status === 404 || res.status === 400) return { kind: 'not-found' };
    if (res.status === 429) return { kind: 'limited' };
    return { kind: 'error' };
  } catch {
    return { kind: 'error' };
  }
}

/**
 * The citizen's page (no sign-in): tracking code and PIN → the case's status in plain words. The
 * receipt's QR code opens `/tra-cuu?ma=<code>#pin=<PIN>`: the PIN is in the fragment, which no server
 * sees; the page reads it, looks the case up and removes it from the address bar.
 */
export default function LookupPage() {
  const [form] = Form.useForm<{ code: string; pin: string }>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { code: string; pin: string }) {
    setBusy(true);
    setOutcome(await lookUp(values.code, values.pin));
    setBusy(false);
  }

  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('ma') ?? '';
    const pin = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('pin') ?? '';
    form.setFieldsValue({ code, pin });
    if (pin) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    if (code && pin) void submit({ code, pin });
  }, []);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#0b4f8a', padding: '0 16px', height: 'auto', lineHeight: 1.4 }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 20, margin: '12px 0' }}>
          Tra cứu hồ sơ khiếu nại, tố cáo, kiến nghị
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 560, width: '100%', margin: '0 auto' }}>
        <Card>
          <Typography.Paragraph>
            Nhập mã hồ sơ và mã tra cứu (PIN) ghi trên giấy biên nhận, hoặc quét mã QR trên giấy biên nhận.
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              label="Mã hồ sơ"
              name="code"
              rules={[{ required: true, message: 'Nhập mã hồ sơ ghi trên giấy biên nhận' }]}
            >
              <Input size="large" autoComplete="off" placeholder="VD: NB-2026-000123" />
            </Form.Item>
            <Form.Item
              label="Mã tra cứu (PIN)"
              name="pin"
              rules={[{ required: true, message: 'Nhập mã tra cứu gồm 8 ký tự' }]}
            >
              <Input.Password size="large" autoComplete="off" maxLength={20} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              Tra cứu
            </Button>
          </Form>
        </Card>
        <div style={{ marginTop: 16 }} aria-live="polite">
          {outcome?.kind === 'found' && <Result data={outcome.data} />}
          {outcome?.kind === 'not-found' && (
            <Alert
              type="warning"
              showIcon
              message="Không tìm thấy hồ sơ"
              description="Kiểm tra lại mã hồ sơ và mã tra cứu. Nếu mất mã tra cứu, đề nghị cơ quan tiếp nhận đơn cấp mã mới."
            />
          )}
          {outcome?.kind === 'limited' && (
            <Alert
              type="error"
              showIcon
              message="Tra cứu quá nhiều lần"
              description="Vui lòng đợi một phút rồi thử lại."
            />
          )}
          {outcome?.kind === 'error' && (
            <Alert
              type="error"
              showIcon
              message="Chưa tra cứu được"
              description="Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại."
            />
          )}
        </div>
      </Layout.Content>
    </Layout>
  );
}

function Result({ data }: { data: PublicCase }) {
  const words = CITIZEN_STATUS_LABELS[data.status] ?? { title: data.status, detail: '' };
  return (
    <Card title={`Hồ sơ ${data.trackingCode}`}>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        <Tag color={STATUS_COLORS[data.status] ?? 'default'} style={{ fontSize: 16, padding: '4px 8px' }}>
          {words.title}
        </Tag>
      </Typography.Title>
      <Typography.Paragraph>{words.detail}</Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        {data.receivedAt && (
          <Descriptions.Item label="Ngày tiếp nhận">{formatDate(data.receivedAt)}</Descriptions.Item>
        )}
        {data.handlingUnitName && (
          <Descriptions.Item label="Cơ quan đang giải quyết">{data.handlingUnitName}</Descriptions.Item>
        )}
        {data.nextDueOn && (
          <Descriptions.Item label="Hạn trả lời tiếp theo">{formatDate(data.nextDueOn)}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
