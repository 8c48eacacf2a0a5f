import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../api/client';
import { DateField } from '../../components/DateField';
import { UnitTable } from '../../components/UnitTable';
import { CommandProblem, PageTitle, ProblemAlert, useUnits } from '../../components/common';
import { formatDate, todayInVietnam } from '../../lib/format';
import { UNIT_LEVEL_LABELS } from '../../lib/labels';

type Unit = Schema<'Unit'>;
type Dialog =
  | { kind: 'create' }
  | { kind: 'appoint'; unit: Unit }
  | { kind: 'rename'; unit: Unit }
  | { kind: 'merge'; unit: Unit }
  | { kind: 'erase' };

const required = (message: string) => [{ required: true, whitespace: true, message }];
const levelOptions = Object.entries(UNIT_LEVEL_LABELS).map(([value, text]) => ({ value, label: text }));

/** Optional form strings: trimmed, and left out when empty. */
function trimmed(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** Quản trị: the units and their heads, and the admin's commands on them; erasing a person's data. */
export default function AdminPage() {
  const units = useUnits();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const items = units.data?.items ?? [];
  const unitName = (id: string | null | undefined) =>
    id ? (items.find((u) => u.id === id)?.name ?? id) : '—';
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
              Thêm đơn vị
            </Button>
            <Button danger onClick={() => setDialog({ kind: 'erase' })}>
              Xóa dữ liệu cá nhân
            </Button>
          </Space>
        }
      >
        Quản trị
      </PageTitle>
      <ProblemAlert error={units.error} />
      <Card size="small" title="Đơn vị và người đứng đầu">
        <UnitTable
          units={items}
          loading={units.isLoading}
          showId
          parentName={unitName}
          actions={(u) =>
            u.ceasedOn ? null : (
              <Space wrap size="small">
                <Button size="small" onClick={() => setDialog({ kind: 'appoint', unit: u })}>
                  Bổ nhiệm
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'rename', unit: u })}>
                  Đổi tên
                </Button>
                <Button size="small" danger onClick={() => setDialog({ kind: 'merge', unit: u })}>
                  Sáp nhập
                </Button>
              </Space>
            )
          }
        />
      </Card>
      {dialog ? <AdminDialog dialog={dialog} units={items} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

const TITLES: Record<Dialog['kind'], string> = {
  create: 'Thêm đơn vị',
  appoint: 'Bổ nhiệm người đứng đầu',
  rename: 'Đổi tên đơn vị',
  merge: 'Sáp nhập đơn vị',
  erase: 'Xóa dữ liệu cá nhân',
};

function AdminDialog({ dialog, units, onClose }: { dialog: Dialog; units: Unit[]; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState<Record<string, unknown> | null>(null);
  const unitId = 'unit' in dialog ? dialog.unit.id : null;
  // The unit as it is now, for its version: the command is sent with If-Match; reloaded after a 412.
  const current = useQuery({
    queryKey: ['unit', unitId],
    enabled: unitId !== null,
    queryFn: () => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: unitId ?? '' } } })),
    staleTime: 0,
  });
  const version = current.data?.version;
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>) => send(dialog, v, version),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['units'] });
      message.success(`${TITLES[dialog.kind]}: đã ghi nhận`);
      onClose();
    },
    onError: () => setConfirming(null),
  });
  const unit = 'unit' in dialog ? dialog.unit : null;
  const title = unit ? `${TITLES[dialog.kind]} — ${unit.name}` : TITLES[dialog.kind];
  /** Someone changed the unit meanwhile: read it again (and the list), keep what was typed. */
  const reload = async () => {
    await Promise.all([current.refetch(), qc.invalidateQueries({ queryKey: ['units'] })]);
    run.reset();
  };
  const submit = (v: Record<string, unknown>) => {
    // Merging and erasing cannot be undone: ask once more before sending.
    if (dialog.kind === 'merge' || dialog.kind === 'erase') setConfirming(v);
    else run.mutate(v);
  };
  const others = units.filter((u) => u.id !== unit?.id && !u.ceasedOn);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText="Ghi nhận"
      cancelText="Hủy"
      okButtonProps={{
        danger: dialog.kind === 'merge' || dialog.kind === 'erase',
        disabled: unitId !== null && !current.data,
      }}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      width={600}
      destroyOnHidden
    >
      <CommandProblem
        error={run.error}
        form={form}
        stale={{
          message: 'Đơn vị vừa được người khác cập nhật',
          description:
            'Thông tin đơn vị bạn đang xem đã cũ. Tải lại đơn vị để xem thay đổi, rồi ghi nhận lại (thông tin bạn đã nhập vẫn được giữ).',
          reload: 'Tải lại đơn vị',
        }}
        onReload={reload}
        reloading={current.isFetching}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          dialog.kind === 'appoint'
            ? { from: todayInVietnam(), acting: false }
            : dialog.kind === 'merge'
              ? { effectiveOn: todayInVietnam() }
              : dialog.kind === 'rename'
                ? { name: dialog.unit.name }
                : {}
        }
      >
        {dialog.kind === 'create' ? (
          <>
            <Form.Item name="name" label="Tên đơn vị" rules={required('Nhập tên đơn vị')}>
              <Input />
            </Form.Item>
            <Form.Item name="level" label="Cấp" rules={[{ required: true, message: 'Chọn cấp' }]}>
              <Select options={levelOptions} />
            </Form.Item>
            <Form.Item name="parentId" label="Đơn vị cấp trên">
              <Select allowClear showSearch optionFilterProp="label" options={unitOptions(others)} />
            </Form.Item>
            <Form.Item name="id" label="Mã đơn vị (để trống để hệ thống tự đặt)">
              <Input />
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === 'appoint' ? (
          <>
            <Form.Item name="fullName" label="Họ và tên" rules={required('Nhập họ và tên')}>
              <Input />
            </Form.Item>
            <Form.Item name="personId" label="Mã cán bộ" rules={required('Nhập mã cán bộ')}>
              <Input />
            </Form.Item>
            <Form.Item name="from" label="Từ ngày" rules={[{ required: true, message: 'Nhập ngày' }]}>
              <DateField />
            </Form.Item>
            <Form.Item name="acting" valuePropName="checked">
              <Checkbox>Quyền người đứng đầu (tạm giao)</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === 'rename' ? (
          <Form.Item name="name" label="Tên mới (có hiệu lực từ hôm nay)" rules={required('Nhập tên mới')}>
            <Input />
          </Form.Item>
        ) : null}
        {dialog.kind === 'merge' ? (
          <>
            <Form.Item
              name="intoUnitId"
              label="Sáp nhập vào đơn vị"
              rules={[{ required: true, message: 'Chọn đơn vị tiếp nhận' }]}
            >
              <Select showSearch optionFilterProp="label" options={unitOptions(others)} />
            </Form.Item>
            <Form.Item
              name="effectiveOn"
              label="Ngày có hiệu lực"
              rules={[{ required: true, message: 'Nhập ngày' }]}
            >
              <DateField />
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === 'erase' ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="Thao tác không thể hoàn tác"
              description="Khóa dữ liệu của người này bị hủy: họ tên, giấy tờ, địa chỉ, số điện thoại của họ trong mọi hồ sơ không còn đọc được nữa."
            />
            <Form.Item
              name="personRef"
              label="Mã định danh người cần xóa dữ liệu"
              rules={[
                { required: true, message: 'Nhập mã định danh' },
                { pattern: /^\s*[0-9a-fA-F-]{36}\s*$/, message: 'Mã định danh gồm 36 ký tự (dạng UUID)' },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="reason"
              label="Căn cứ pháp lý, lý do xóa"
              rules={required('Nhập căn cứ pháp lý của việc xóa')}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
      </Form>
      {confirming ? (
        <Confirm
          dialog={dialog}
          values={confirming}
          units={units}
          onCancel={() => setConfirming(null)}
          onConfirm={() => run.mutate(confirming)}
          pending={run.isPending}
        />
      ) : null}
    </Modal>
  );
}

function unitOptions(units: Unit[]) {
  return units.map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }));
}

/** The second step of merging or erasing; erasing asks the reference to be typed again. */
function Confirm({
  dialog,
  values,
  units,
  onCancel,
  onConfirm,
  pending,
}: {
  dialog: Dialog;
  values: Record<string, unknown>;
  units: Unit[];
  onCancel: () => void;
  onConfirm: () => void;
  pending: boolean;
}) {
  const [typed, setTyped] = useState('');
  const personRef = trimmed(values.personRef) ?? '';
  const into = units.find((u) => u.id === values.intoUnitId);
  const ok = dialog.kind !== 'erase' || typed.trim() === personRef;
  return (
    <Modal
      open
      title="Xác nhận"
      onCancel={onCancel}
      okText={dialog.kind === 'erase' ? 'Xóa vĩnh viễn' : 'Sáp nhập'}
      cancelText="Quay lại"
      okButtonProps={{ danger: true, disabled: !ok }}
      confirmLoading={pending}
      onOk={onConfirm}
    >
      {dialog.kind === 'merge' ? (
        <Typography.Paragraph>
          Sáp nhập <b>{dialog.unit.name}</b> vào <b>{into?.name ?? String(values.intoUnitId)}</b> từ ngày{' '}
          <b>{formatDate(String(values.effectiveOn))}</b>? Hồ sơ và kiến nghị đang xử lý của đơn vị sẽ chuyển
          sang đơn vị tiếp nhận. Không thể hoàn tác.
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>
            Xóa vĩnh viễn dữ liệu nhận dạng của người có mã <code>{personRef}</code>. Để xác nhận, nhập lại mã
            này:
          </Typography.Paragraph>
          <Input
            aria-label="Nhập lại mã định danh"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </>
      )}
    </Modal>
  );
}

/**
 * Sends the dialog's command. Commands on an existing unit carry `If-Match: "<version>"` (docs/reference/api-contract.md
 * Conventions): when the unit changed meanwhile the API answers 412 and nothing is written.
 */
async function send(
  dialog: Dialog,
  v: Record<string, unknown>,
  version: number | undefined,
): Promise<unknown> {
  const headers = version === undefined ? {} : { 'If-Match': `"${version}"` };
  switch (dialog.kind) {
    case 'create': {
      const body: Schema<'CreateUnitDto'> = {
        name: trimmed(v.name) ?? '',
        level: v.level as Schema<'CreateUnitDto'>['level'],
      };
      const id = trimmed(v.id);
      const parentId = trimmed(v.parentId);
      if (id) body.id = id;
      if (parentId) body.parentId = parentId;
      return unwrap(api.POST('/api/v1/units', { body }));
    }
    case 'appoint': {
      const body: Schema<'AppointHeadDto'> = {
        personId: trimmed(v.personId) ?? '',
        fullName: trimmed(v.fullName) ?? '',
        from: String(v.from),
        ...(v.acting ? { acting: true } : {}),
      };
      return unwrap(
        api.POST('/api/v1/units/{id}/heads', { params: { path: { id: dialog.unit.id } }, headers, body }),
      );
    }
    case 'rename':
      return unwrap(
        api.PATCH('/api/v1/units/{id}', {
          params: { path: { id: dialog.unit.id } },
          headers,
          body: { name: trimmed(v.name) ?? '' },
        }),
      );
    case 'merge':
      return unwrap(
        api.POST('/api/v1/units/{id}/merge', {
          params: { path: { id: dialog.unit.id } },
          headers,
          body: { intoUnitId: String(v.intoUnitId), effectiveOn: String(v.effectiveOn) },
        }),
      );
    case 'erase':
      return unwrap(
        api.POST('/api/v1/admin/persons/{personRef}/erase', {
          params: { path: { personRef: trimmed(v.personRef) ?? '' } },
          body: { reason: trimmed(v.reason) ?? '' },
        }),
      );
  }
}
