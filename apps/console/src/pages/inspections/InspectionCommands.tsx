import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select } from 'antd';
import { api, unwrap, type Schema } from '../../api/client';
import { DateField } from '../../components/DateField';
import { CommandProblem, UnitSelect } from '../../components/common';
import { todayInVietnam } from '../../lib/format';
import { REPORT_EVERY_LABELS, type Inspection } from '../../lib/inspections';

/** A command on an inspection, or on one of its recommendations (`rid`). */
export type Command =
  | { kind: 'conclude' }
  | { kind: 'directive' }
  | { kind: 'close' }
  | { kind: 'plan'; rid: string }
  | { kind: 'report'; rid: string }
  | { kind: 'waive'; rid: string };

const TITLES: Record<Command['kind'], string> = {
  conclude: 'Ban hành kết luận',
  directive: 'Ghi nhận chỉ đạo thực hiện kết luận',
  close: 'Kết thúc theo dõi thực hiện kết luận',
  plan: 'Nộp kế hoạch khắc phục',
  report: 'Báo cáo tiến độ thực hiện kiến nghị',
  waive: 'Không yêu cầu thực hiện tiếp kiến nghị',
};

const dateRule = [{ required: true, message: 'Nhập ngày' }];
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The lines of a text area, trimmed, without the empty ones. */
export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

interface RecommendationForm {
  text: string;
  ownerUnitId: string;
  dueOn?: string | null;
  schedule: 'none' | '3m' | '6m' | '12m';
}

/** The conclusion form's recommendations as the API takes them (no schedule: neither field). */
export function recommendationBodies(rows: RecommendationForm[]): Schema<'RecommendationDto'>[] {
  return rows.map((r) => ({
    text: r.text.trim(),
    ownerUnitId: r.ownerUnitId,
    ...(r.dueOn ? { dueOn: r.dueOn } : {}),
    ...(r.schedule !== 'none' ? { reportEvery: r.schedule } : {}),
  }));
}

/** One command as a form in a dialog, sent with If-Match: a stale version is a 412 the user can reload. */
export function InspectionCommand({
  inspection: i,
  command,
  onClose,
}: {
  inspection: Inspection;
  command: Command;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const title = TITLES[command.kind];
  const rec = 'rid' in command ? i.recommendations.find((r) => r.id === command.rid) : undefined;
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const opts = { headers: { 'If-Match': `"${i.version}"` } };
      const path = { id: i.id };
      switch (command.kind) {
        case 'conclude':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/conclusion', {
              ...opts,
              params: { path },
              body: {
                concludedOn: v.concludedOn as string,
                summary: (v.summary as string).trim(),
                recommendations: recommendationBodies(v.recommendations as RecommendationForm[]),
              },
            }),
          );
        case 'directive':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/directive', {
              ...opts,
              params: { path },
              body: { issuedOn: v.issuedOn as string },
            }),
          );
        case 'close':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/close', {
              ...opts,
              params: { path },
              body: { closedOn: v.closedOn as string },
            }),
          );
        case 'plan':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/recommendations/{rid}/plan', {
              ...opts,
              params: { path: { ...path, rid: command.rid } },
              body: { submittedOn: v.submittedOn as string, actions: lines(v.actions as string) },
            }),
          );
        case 'report':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/recommendations/{rid}/reports', {
              ...opts,
              params: { path: { ...path, rid: command.rid } },
              body: {
                reportedOn: v.reportedOn as string,
                progress: (v.progress as string).trim(),
                done: !!v.done,
              },
            }),
          );
        case 'waive':
          return unwrap(
            api.POST('/api/v1/inspections/{id}/recommendations/{rid}/waive', {
              ...opts,
              params: { path: { ...path, rid: command.rid } },
              body: { at: v.at as string, reason: (v.reason as string).trim() },
            }),
          );
      }
    },
    onSuccess: async () => {
      message.success(`${title}: đã ghi nhận`);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['inspection', i.id] }),
        qc.invalidateQueries({ queryKey: ['inspections'] }),
        qc.invalidateQueries({ queryKey: ['inspections-follow-up'] }),
      ]);
      onClose();
    },
  });
  const today = todayInVietnam();
  return (
    <Modal
      open
      title={rec ? `${title} — kiến nghị số ${rec.id.replace(/^r/, '')}` : title}
      onCancel={onClose}
      okText="Ghi nhận"
      cancelText="Hủy"
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      width={command.kind === 'conclude' ? 820 : 640}
      destroyOnHidden
    >
      <CommandProblem
        error={run.error}
        form={form}
        stale={{
          message: 'Cuộc thanh tra, kiểm tra vừa được người khác cập nhật',
          description:
            'Thông tin bạn đang xem đã cũ. Tải lại để xem thay đổi, rồi ghi nhận lại (thông tin bạn đã nhập vẫn được giữ).',
          reload: 'Tải lại',
        }}
        onReload={async () => {
          await qc.invalidateQueries({ queryKey: ['inspection', i.id] });
          run.reset();
        }}
      />
      {rec ? <p style={{ whiteSpace: 'pre-wrap' }}>Kiến nghị: {rec.text}</p> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: Record<string, unknown>) => run.mutate(v)}
        initialValues={{
          concludedOn: today,
          issuedOn: today,
          closedOn: today,
          submittedOn: today,
          reportedOn: today,
          at: today,
          done: false,
          recommendations: [{ ownerUnitId: i.inspectedUnitId, schedule: '3m' }],
        }}
      >
        {command.kind === 'conclude' ? <ConclusionFields /> : null}
        {command.kind === 'directive' ? (
          <Form.Item name="issuedOn" label="Ngày ban hành văn bản chỉ đạo" rules={dateRule}>
            <DateField />
          </Form.Item>
        ) : null}
        {command.kind === 'close' ? (
          <Form.Item name="closedOn" label="Ngày kết thúc theo dõi" rules={dateRule}>
            <DateField />
          </Form.Item>
        ) : null}
        {command.kind === 'plan' ? (
          <>
            <Form.Item name="submittedOn" label="Ngày nộp kế hoạch" rules={dateRule}>
              <DateField />
            </Form.Item>
            <Form.Item
              name="actions"
              label="Các biện pháp khắc phục (mỗi dòng một biện pháp)"
              rules={required('Nhập ít nhất một biện pháp')}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        ) : null}
        {command.kind === 'report' ? (
          <>
            <Form.Item name="reportedOn" label="Ngày báo cáo" rules={dateRule}>
              <DateField />
            </Form.Item>
            <Form.Item name="progress" label="Kết quả thực hiện" rules={required('Nhập kết quả thực hiện')}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="done" valuePropName="checked">
              <Checkbox>Đã hoàn thành kiến nghị</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {command.kind === 'waive' ? (
          <>
            <Form.Item name="at" label="Ngày quyết định" rules={dateRule}>
              <DateField />
            </Form.Item>
            <Form.Item name="reason" label="Lý do" rules={required('Nhập lý do')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function ConclusionFields() {
  return (
    <>
      <Form.Item name="concludedOn" label="Ngày ký kết luận" rules={dateRule}>
        <DateField />
      </Form.Item>
      <Form.Item name="summary" label="Nội dung kết luận" rules={required('Nhập nội dung kết luận')}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.List name="recommendations">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <Card
                key={f.key}
                size="small"
                title={`Kiến nghị số ${n + 1}`}
                style={{ marginBottom: 12 }}
                extra={
                  fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`Bỏ kiến nghị số ${n + 1}`}
                      onClick={() => remove(f.name)}
                    />
                  ) : null
                }
              >
                <Form.Item
                  name={[f.name, 'text']}
                  label="Nội dung kiến nghị"
                  rules={required('Nhập nội dung kiến nghị')}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'ownerUnitId']}
                  label="Đơn vị thực hiện"
                  rules={[{ required: true, message: 'Chọn đơn vị thực hiện' }]}
                >
                  <UnitSelect active />
                </Form.Item>
                <Form.Item name={[f.name, 'dueOn']} label="Hạn khắc phục (nếu có)">
                  <DateField allowClear />
                </Form.Item>
                <Form.Item name={[f.name, 'schedule']} label="Kỳ báo cáo">
                  <Select
                    options={[
                      ...Object.entries(REPORT_EVERY_LABELS).map(([value, text]) => ({ value, label: text })),
                      { value: 'none', label: 'Không định kỳ' },
                    ]}
                  />
                </Form.Item>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ schedule: '3m' })}
              style={{ marginBottom: 12 }}
            >
              Thêm kiến nghị
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
