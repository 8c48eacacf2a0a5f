import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { api, unwrap, type Schema } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { CommandProblem, UnitSelect } from '../../components/common';
import { todayInVietnam } from '../../lib/format';
import {
  ARCHIVE_REASON_LABELS,
  DIALOGUE_OUTCOME_LABELS,
  KIND_LABELS,
  OUTCOMES_BY_KIND,
  RESOLUTION_OUTCOME_LABELS,
} from '../../lib/labels';

/** The case commands of docs/reference/api-contract.md, each with its Vietnamese name and the statuses it applies to. */
type CaseView = Schema<'CaseView'>;

type Action =
  | 'classify'
  | 'accept'
  | 'reject'
  | 'guide'
  | 'archive'
  | 'transfer'
  | 'assign'
  | 'extend'
  | 'suspend'
  | 'resume'
  | 'dialogues'
  | 'resolve'
  | 'withdraw'
  | 'terminate'
  | 'close';

const OPEN = ['received', 'classified', 'accepted', 'suspended'];

const ACTIONS: { action: Action; label: string; when: (c: CaseView) => boolean; primary?: boolean }[] = [
  { action: 'classify', label: 'Phân loại đơn', when: (c) => c.status === 'received', primary: true },
  { action: 'accept', label: 'Thụ lý', when: (c) => c.status === 'classified', primary: true },
  { action: 'reject', label: 'Không thụ lý', when: (c) => c.status === 'classified' },
  {
    action: 'guide',
    label: 'Hướng dẫn công dân',
    when: (c) => ['received', 'classified'].includes(c.status),
  },
  { action: 'archive', label: 'Lưu đơn', when: (c) => ['received', 'classified'].includes(c.status) },
  { action: 'transfer', label: 'Chuyển đơn', when: (c) => ['received', 'classified'].includes(c.status) },
  { action: 'assign', label: 'Giao người xử lý', when: (c) => [...OPEN, 'resolved'].includes(c.status) },
  { action: 'dialogues', label: 'Ghi nhận đối thoại', when: (c) => c.status === 'accepted', primary: true },
  {
    action: 'resolve',
    label: 'Ban hành quyết định/kết luận',
    when: (c) =>
      c.status === 'accepted' ||
      (c.status === 'classified' && ['petition', 'reflection'].includes(c.kind ?? '')),
    primary: true,
  },
  {
    action: 'extend',
    label: 'Gia hạn giải quyết',
    when: (c) => c.status === 'accepted' && c.kind === 'denunciation',
  },
  { action: 'suspend', label: 'Tạm đình chỉ', when: (c) => c.status === 'accepted' },
  { action: 'resume', label: 'Tiếp tục giải quyết', when: (c) => c.status === 'suspended', primary: true },
  { action: 'withdraw', label: 'Rút đơn', when: (c) => OPEN.includes(c.status) },
  {
    action: 'terminate',
    label: 'Đình chỉ giải quyết',
    when: (c) => ['accepted', 'suspended'].includes(c.status),
  },
  { action: 'close', label: 'Kết thúc hồ sơ', when: (c) => c.status === 'resolved', primary: true },
];

const options = (m: Record<string, string>, keys?: string[]) =>
  (keys ?? Object.keys(m)).map((value) => ({ value, label: m[value] ?? value }));

const dateRule = [{ required: true, message: 'Nhập ngày' }];
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** Sends one command with If-Match: a stale version is a 412 the user can reload and retry. */
function useCaseCommand(c: CaseView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body }: { action: Action; body: Record<string, unknown> }) =>
      unwrap(
        // The path is one of the typed command routes; the body was built by that command's form.
        api.POST(`/api/v1/cases/{id}/${action}` as '/api/v1/cases/{id}/accept', {
          params: { path: { id: c.id } },
          headers: { 'If-Match': `"${c.version}"` },
          body: body as never,
        }),
      ),
    onSuccess: (view) => {
      qc.setQueryData(['case', c.id], view);
      void qc.invalidateQueries({ queryKey: ['case', c.id, 'history'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function CaseCommands({ c }: { c: CaseView }) {
  const user = useUser();
  const [open, setOpen] = useState<Action | null>(null);
  const mayCommand = can(user, 'command');
  const mayDesk = can(user, 'classify');
  const allowed = ACTIONS.filter((a) => {
    if (!a.when(c)) return false;
    if (['classify', 'guide', 'archive', 'transfer'].includes(a.action)) return mayDesk;
    return mayCommand;
  });
  return (
    <Card title="Xử lý hồ sơ" size="small" className="no-print" style={{ position: 'sticky', top: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        Phiên bản hồ sơ: {c.version}
      </Typography.Paragraph>
      {allowed.length === 0 ? (
        <Typography.Text type="secondary">
          Không có thao tác nào bạn được thực hiện ở trạng thái này.
        </Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {allowed.map((a) => (
            <Button
              key={a.action}
              block
              type={a.primary ? 'primary' : 'default'}
              onClick={() => setOpen(a.action)}
            >
              {a.label}
            </Button>
          ))}
        </Space>
      )}
      {open ? (
        <CommandDialog
          c={c}
          action={open}
          title={ACTIONS.find((a) => a.action === open)?.label ?? open}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Card>
  );
}

function CommandDialog({
  c,
  action,
  title,
  onClose,
}: {
  c: CaseView;
  action: Action;
  title: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const run = useCaseCommand(c);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const submit = (values: Record<string, unknown>) =>
    run.mutate(
      { action, body: toBody(action, values) },
      {
        onSuccess: () => {
          message.success(`${title}: đã ghi nhận`);
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={`${title} — hồ sơ ${c.trackingCode}`}
      onCancel={onClose}
      okText="Ghi nhận"
      cancelText="Hủy"
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <CommandProblem
        error={run.error}
        form={form}
        stale={{
          message: 'Hồ sơ vừa được người khác cập nhật',
          description:
            'Phiên bản bạn đang xem đã cũ. Tải lại hồ sơ để xem thay đổi, rồi ghi nhận lại (thông tin bạn đã nhập vẫn được giữ).',
          reload: 'Tải lại hồ sơ',
        }}
        onReload={async () => {
          await qc.invalidateQueries({ queryKey: ['case', c.id] });
          run.reset();
        }}
      />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues(action, c)}>
        <CommandFields action={action} c={c} />
      </Form>
    </Modal>
  );
}

function initialValues(action: Action, c: CaseView): Record<string, unknown> {
  const today = todayInVietnam();
  switch (action) {
    case 'classify':
      return { kind: c.kind ?? undefined, level: 1, competentUnitId: c.receivingUnitId, processable: true };
    case 'accept':
      return { acceptedAt: today };
    case 'dialogues':
      return { heldAt: today, outcome: 'agreed' };
    case 'resolve':
      return {
        decidedAt: today,
        outcome: OUTCOMES_BY_KIND[c.kind ?? '']?.[0],
        ...(c.kind === 'complaint' && c.level === 1 ? { verificationAgreesWithRequest: true } : {}),
      };
    case 'extend':
      return { at: today, days: 30 };
    case 'assign':
      return {};
    default:
      return { at: today };
  }
}

/** Form values → the command's body: empty optional strings are left out. */
function toBody(action: Action, v: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined || value === null || value === '') continue;
    body[k] = typeof value === 'string' ? value.trim() : value;
  }
  if (action === 'dialogues' && typeof body.participants === 'string')
    body.participants = (body.participants as string)
      .split(/\n|;/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (action === 'classify' && body.kind !== 'complaint') delete body.level;
  return body;
}

function Field({
  name,
  label,
  rules,
  children,
}: {
  name: string;
  label: string;
  rules?: object[];
  children: ReactNode;
}) {
  return (
    <Form.Item name={name} label={label} rules={rules}>
      {children}
    </Form.Item>
  );
}

function CommandFields({ action, c }: { action: Action; c: CaseView }) {
  const kind = Form.useWatch('kind');
  switch (action) {
    case 'classify':
      return (
        <>
          <Field name="kind" label="Loại đơn" rules={[{ required: true, message: 'Chọn loại đơn' }]}>
            <Select options={options(KIND_LABELS)} />
          </Field>
          {kind === 'complaint' ? (
            <Field name="level" label="Lần giải quyết">
              <Select
                options={[
                  { value: 1, label: 'Khiếu nại lần đầu' },
                  { value: 2, label: 'Khiếu nại lần hai' },
                ]}
              />
            </Field>
          ) : null}
          <Field
            name="competentUnitId"
            label="Đơn vị có thẩm quyền giải quyết"
            rules={[{ required: true, message: 'Chọn đơn vị' }]}
          >
            <UnitSelect active />
          </Field>
          <Form.Item name="processable" valuePropName="checked">
            <Checkbox>Đơn đủ điều kiện xử lý</Checkbox>
          </Form.Item>
          <Field name="reason" label="Ghi chú">
            <Input.TextArea rows={2} />
          </Field>
        </>
      );
    case 'accept':
      return (
        <>
          <Field name="acceptedAt" label="Ngày thụ lý" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="decisionNo" label="Số thông báo thụ lý">
            <Input />
          </Field>
          <Form.Item name="complex" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>Vụ việc phức tạp</Checkbox>
          </Form.Item>
          <Form.Item name="especiallyComplex" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>Vụ việc đặc biệt phức tạp</Checkbox>
          </Form.Item>
          <Form.Item name="remoteArea" valuePropName="checked">
            <Checkbox>Vùng sâu, vùng xa, đi lại khó khăn</Checkbox>
          </Form.Item>
        </>
      );
    case 'reject':
    case 'suspend':
    case 'terminate':
      return (
        <>
          <Field name="at" label="Ngày" rules={dateRule}>
            <DateField />
          </Field>
          <Field
            name="reason"
            label={action === 'reject' ? 'Lý do, căn cứ pháp lý' : 'Lý do'}
            rules={required('Nhập lý do')}
          >
            <Input.TextArea rows={3} />
          </Field>
        </>
      );
    case 'withdraw':
      return (
        <>
          <Field name="at" label="Ngày rút đơn" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="reason" label="Lý do">
            <Input.TextArea rows={2} />
          </Field>
        </>
      );
    case 'guide':
      return (
        <>
          <Field name="at" label="Ngày hướng dẫn" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="agency" label="Cơ quan có thẩm quyền" rules={required('Nhập cơ quan có thẩm quyền')}>
            <Input />
          </Field>
          <Field name="note" label="Nội dung hướng dẫn">
            <Input.TextArea rows={2} />
          </Field>
        </>
      );
    case 'archive':
      return (
        <>
          <Field name="at" label="Ngày lưu đơn" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="reason" label="Lý do lưu đơn" rules={[{ required: true, message: 'Chọn lý do' }]}>
            <Select options={options(ARCHIVE_REASON_LABELS)} />
          </Field>
          <Field name="duplicateOf" label="Trùng với hồ sơ (mã định danh)">
            <Input />
          </Field>
        </>
      );
    case 'transfer':
      return (
        <>
          <Field name="at" label="Ngày chuyển" rules={dateRule}>
            <DateField />
          </Field>
          <Field
            name="toUnitId"
            label="Chuyển đến đơn vị"
            rules={[{ required: true, message: 'Chọn đơn vị' }]}
          >
            <UnitSelect active except={c.receivingUnitId} />
          </Field>
          <Field name="reason" label="Lý do" rules={required('Nhập lý do')}>
            <Input.TextArea rows={2} />
          </Field>
        </>
      );
    case 'assign':
      return (
        <Field name="handlerId" label="Mã cán bộ xử lý" rules={required('Nhập mã cán bộ')}>
          <Input placeholder="vd. cb-xuly" />
        </Field>
      );
    case 'extend':
      return (
        <>
          <Field name="at" label="Ngày gia hạn" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="days" label="Số ngày gia hạn (tối đa 30)">
            <InputNumber min={1} max={30} />
          </Field>
          <Field name="decisionNo" label="Số quyết định gia hạn">
            <Input />
          </Field>
          <Field name="reason" label="Lý do" rules={required('Nhập lý do')}>
            <Input.TextArea rows={2} />
          </Field>
        </>
      );
    case 'resume':
    case 'close':
      return (
        <Field name="at" label="Ngày" rules={dateRule}>
          <DateField />
        </Field>
      );
    case 'dialogues':
      return (
        <>
          <Field name="heldAt" label="Ngày đối thoại" rules={dateRule}>
            <DateField />
          </Field>
          <Field
            name="noticeOn"
            label="Ngày thông báo đối thoại (trước ít nhất 5 ngày — NĐ 155/2026, Điều 11)"
            rules={dateRule}
          >
            <DateField />
          </Field>
          <Field
            name="participants"
            label="Thành phần tham dự (mỗi người một dòng)"
            rules={required('Nhập thành phần tham dự')}
          >
            <Input.TextArea rows={3} />
          </Field>
          <Field name="minutes" label="Biên bản đối thoại" rules={required('Nhập nội dung biên bản')}>
            <Input.TextArea rows={5} />
          </Field>
          <Field name="outcome" label="Kết quả" rules={[{ required: true }]}>
            <Select options={options(DIALOGUE_OUTCOME_LABELS)} />
          </Field>
        </>
      );
    case 'resolve':
      return (
        <>
          <Field name="decidedAt" label="Ngày ban hành" rules={dateRule}>
            <DateField />
          </Field>
          <Field name="decisionNo" label="Số quyết định/kết luận">
            <Input />
          </Field>
          {c.kind === 'complaint' && c.level === 1 ? (
            <Field
              name="verificationAgreesWithRequest"
              label="Kết quả xác minh so với nội dung khiếu nại (Luật Khiếu nại, Điều 30)"
              rules={[{ required: true, message: 'Chọn kết quả xác minh' }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: 'Đúng với nội dung khiếu nại' },
                  { value: false, label: 'Khác với nội dung khiếu nại (phải có đối thoại)' },
                ]}
              />
            </Field>
          ) : null}
          <Field
            name="outcome"
            label="Kết quả giải quyết"
            rules={[{ required: true, message: 'Chọn kết quả' }]}
          >
            <Select options={options(RESOLUTION_OUTCOME_LABELS, OUTCOMES_BY_KIND[c.kind ?? ''])} />
          </Field>
          <Field name="summary" label="Tóm tắt nội dung quyết định" rules={required('Nhập tóm tắt')}>
            <Input.TextArea rows={4} />
          </Field>
        </>
      );
  }
}
