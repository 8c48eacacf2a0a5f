import { MinusCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useNavigate } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, UnitSelect, useUnits } from '../../components/common';
import { todayInVietnam } from '../../lib/format';
import { CHANNEL_LABELS, FIELD_LABELS, KIND_LABELS } from '../../lib/labels';

type RegisterBody = Schema<'RegisterCaseDto'>;

interface IntakeForm {
  receivedAt: string;
  channel: RegisterBody['channel'];
  receivingUnitId: string;
  petitioners: {
    fullName: string;
    idNumber?: string;
    phone?: string;
    address?: string;
    representative?: boolean;
  }[];
  signerCount?: number;
  subject: string;
  content: string;
  field?: RegisterBody['field'];
  kindHint?: RegisterBody['kindHint'];
  anonymous?: boolean;
  forwardedBy?: string;
  registryNo?: string;
}

const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Toàn bộ thông tin của đơn, như cán bộ tiếp dân ghi vào sổ. */
export function toRegisterBody(v: IntakeForm): RegisterBody {
  return {
    receivedAt: v.receivedAt,
    channel: v.channel,
    receivingUnitId: v.receivingUnitId,
    // Đơn nặc danh: không ghi người viết đơn (API yêu cầu petitioners: []).
    petitioners: v.anonymous
      ? []
      : v.petitioners.map((p) => ({
          fullName: p.fullName.trim(),
          ...(blank(p.idNumber) ? { idNumber: blank(p.idNumber) } : {}),
          ...(blank(p.phone) ? { phone: blank(p.phone) } : {}),
          ...(blank(p.address) ? { address: blank(p.address) } : {}),
          ...(p.representative ? { representative: true } : {}),
        })),
    ...(v.anonymous ? { anonymous: true } : {}),
    ...(!v.anonymous && v.signerCount ? { signerCount: v.signerCount } : {}),
    subject: v.subject.trim(),
    content: v.content,
    ...(v.field ? { field: v.field } : {}),
    ...(v.kindHint ? { kindHint: v.kindHint } : {}),
    ...(blank(v.forwardedBy) ? { forwardedBy: blank(v.forwardedBy) } : {}),
    ...(blank(v.registryNo) ? { registryNo: blank(v.registryNo) } : {}),
  };
}

export default function IntakePage() {
  const user = useUser();
  const units = useUnits();
  const [form] = Form.useForm<IntakeForm>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const anonymous = Form.useWatch('anonymous', form) === true;
  const register = useMutation({
    mutationFn: (v: IntakeForm) => unwrap(api.POST('/api/v1/cases', { body: toRegisterBody(v) })),
    onSuccess: (r, v) => {
      void qc.invalidateQueries({ queryKey: ['cases'] });
      message.success(`Đã tiếp nhận đơn, mã hồ sơ ${r.trackingCode}`);
      navigate(`/bien-nhan/${r.id}`, {
        state: {
          receipt: r.receipt,
          anonymous: Boolean(v.anonymous),
          names: v.anonymous ? [] : v.petitioners.map((p) => p.fullName.trim()),
        },
      });
    },
  });
  return (
    <>
      <PageTitle>Tiếp nhận đơn</PageTitle>
      <ProblemAlert error={register.error} form={form} />
      <Form<IntakeForm>
        form={form}
        layout="vertical"
        onFinish={(v) => register.mutate(v)}
        initialValues={{
          receivedAt: todayInVietnam(),
          channel: 'in_person',
          receivingUnitId: user.unitId ?? undefined,
          petitioners: [{ fullName: '' }],
        }}
        scrollToFirstError
      >
        <Card title="Thông tin tiếp nhận" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="receivedAt"
                label="Ngày nhận đơn"
                rules={[{ required: true, message: 'Nhập ngày nhận đơn' }]}
              >
                <DateField />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label="Hình thức tiếp nhận" rules={[{ required: true }]}>
                <Select options={options(CHANNEL_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="receivingUnitId"
                label="Cơ quan, đơn vị tiếp nhận"
                rules={[{ required: true, message: 'Chọn đơn vị tiếp nhận' }]}
              >
                <UnitSelect active loading={units.isLoading} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="registryNo" label="Số đến (sổ công văn đến)">
                <Input autoComplete="off" maxLength={100} placeholder="VD: 125/CV-ĐẾN" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="forwardedBy" label="Cơ quan, tổ chức chuyển đơn">
                <Input
                  autoComplete="off"
                  maxLength={500}
                  placeholder="VD: Đoàn đại biểu Quốc hội tỉnh, Ủy ban MTTQ, báo chí…"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="Người viết đơn" size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="anonymous"
            valuePropName="checked"
            label="Đơn nặc danh"
            style={{ marginBottom: 12 }}
          >
            <Switch />
          </Form.Item>
          {anonymous ? (
            <Typography.Paragraph type="secondary">
              Đơn nặc danh: không ghi họ tên, địa chỉ người viết đơn. Đơn chỉ được phân loại là phản ánh hoặc
              lưu đơn.
            </Typography.Paragraph>
          ) : (
            <Form.List name="petitioners">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Row gutter={12} key={f.key} align="top">
                      <Col xs={24} md={6}>
                        <Form.Item
                          name={[f.name, 'fullName']}
                          label={`Họ và tên (${i + 1})`}
                          rules={[
                            { required: true, whitespace: true, message: 'Nhập họ và tên người viết đơn' },
                          ]}
                        >
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[f.name, 'idNumber']}
                          label="Số CCCD"
                          rules={[{ pattern: /^[A-Za-z0-9]{6,20}$/, message: '6–20 chữ số hoặc chữ cái' }]}
                        >
                          <Input autoComplete="off" inputMode="numeric" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[f.name, 'phone']}
                          label="Điện thoại"
                          rules={[{ pattern: /^\+?[0-9 .-]{6,20}$/, message: 'Số điện thoại không hợp lệ' }]}
                        >
                          <Input autoComplete="off" inputMode="tel" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[f.name, 'address']} label="Địa chỉ">
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={18} md={3}>
                        <Form.Item
                          name={[f.name, 'representative']}
                          valuePropName="checked"
                          label="Người đại diện"
                        >
                          <Checkbox>Đại diện</Checkbox>
                        </Form.Item>
                      </Col>
                      <Col xs={6} md={1}>
                        {fields.length > 1 ? (
                          <Form.Item label=" ">
                            <Button
                              type="text"
                              danger
                              icon={<MinusCircleOutlined />}
                              onClick={() => remove(f.name)}
                              aria-label={`Bỏ người viết đơn thứ ${i + 1}`}
                            />
                          </Form.Item>
                        ) : null}
                      </Col>
                    </Row>
                  ))}
                  <Space wrap>
                    <Button icon={<PlusOutlined />} onClick={() => add({ fullName: '' })}>
                      Thêm người viết đơn
                    </Button>
                    <Form.Item name="signerCount" label="Số người cùng ký" style={{ marginBottom: 0 }}>
                      <InputNumber
                        min={1}
                        max={100000}
                        placeholder="mặc định: số người đã nhập"
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                  </Space>
                </>
              )}
            </Form.List>
          )}
        </Card>
        <Card title="Nội dung đơn" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="subject"
                label="Trích yếu"
                rules={[{ required: true, whitespace: true, message: 'Nhập trích yếu nội dung đơn' }]}
              >
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="kindHint" label="Loại đơn (sơ bộ)">
                <Select allowClear options={options(KIND_LABELS)} placeholder="Chưa xác định" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="field" label="Lĩnh vực">
                <Select allowClear options={options(FIELD_LABELS)} placeholder="Chọn lĩnh vực" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="content"
            label="Nội dung đơn"
            rules={[{ required: true, whitespace: true, message: 'Nhập nội dung đơn' }]}
          >
            <Input.TextArea rows={8} />
          </Form.Item>
        </Card>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={register.isPending}
            size="large"
          >
            Vào sổ và in biên nhận
          </Button>
          <Button onClick={() => form.resetFields()} size="large">
            Nhập lại
          </Button>
        </Space>
      </Form>
    </>
  );
}
