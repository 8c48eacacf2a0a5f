import { Card, Col, Descriptions, Empty, Row, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { useCase, useCaseHistory } from '../../api/cases';
import type { Schema } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { DueTag } from '../../components/CaseTable';
import { PageTitle, ProblemAlert, StatusTag, useUnitName } from '../../components/common';
import { CaseCommands } from './CaseCommands';
import { formatDate, formatInstant } from '../../lib/format';
import {
  CHANNEL_LABELS,
  DEADLINE_STATUS_COLORS,
  DEADLINE_STATUS_LABELS,
  DIALOGUE_OUTCOME_LABELS,
  eventLabel,
  FIELD_LABELS,
  KIND_LABELS,
  label,
  RESOLUTION_OUTCOME_LABELS,
  ruleName,
  legalBasisVi,
} from '../../lib/labels';

type Petitioner = Schema<'Petitioner'>;
type Dialogue = Schema<'DialogueMinutes'>;
/** A deadline with how it was computed and under which law (the case's `deadlineBasis`, same order). */
type CaseDeadline = Schema<'Deadline'> &
  Partial<Omit<NonNullable<Schema<'CaseView'>['deadlineBasis']>[number], 'ruleId'>>;

/** The case dossier: the letter, petitioners (masked), deadlines, timeline, dialogues, decision, commands. */
export default function CaseDossierPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const view = useCase(id);
  const unitName = useUnitName();
  const history = useCaseHistory(id, can(user, 'history'));
  const c = view.data;
  if (view.error) return <ProblemAlert error={view.error} />;
  if (!c) return <Skeleton active />;
  const kindText = c.kind
    ? `${label(KIND_LABELS, c.kind)}${c.kind === 'complaint' && c.level ? ` lần ${c.level === 1 ? 'đầu' : 'hai'}` : ''}`
    : 'Chưa phân loại';
  return (
    <>
      <PageTitle extra={<StatusTag status={c.status} />}>Hồ sơ {c.trackingCode}</PageTitle>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="Thông tin đơn" size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label="Trích yếu" span={2}>
                {c.subject}
              </Descriptions.Item>
              <Descriptions.Item label="Loại đơn">{kindText}</Descriptions.Item>
              <Descriptions.Item label="Lĩnh vực">{label(FIELD_LABELS, c.field ?? null)}</Descriptions.Item>
              <Descriptions.Item label="Ngày nhận">{formatDate(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="Hình thức">{label(CHANNEL_LABELS, c.channel)}</Descriptions.Item>
              <Descriptions.Item label="Đơn vị tiếp nhận">{unitName(c.receivingUnitId)}</Descriptions.Item>
              <Descriptions.Item label="Đơn vị có thẩm quyền">
                {unitName(c.competentUnitId)}
              </Descriptions.Item>
              <Descriptions.Item label="Ngày thụ lý">{formatDate(c.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label="Người xử lý">{c.handlerId ?? '—'}</Descriptions.Item>
              {c.forwardedBy ? (
                <Descriptions.Item label="Cơ quan chuyển đơn">{c.forwardedBy}</Descriptions.Item>
              ) : null}
              {c.registryNo ? <Descriptions.Item label="Số đến">{c.registryNo}</Descriptions.Item> : null}
              {c.signerCount ? (
                <Descriptions.Item label="Số người ký">{c.signerCount}</Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title="Nội dung đơn" size="small" style={{ marginBottom: 16 }}>
            {c.content === undefined ? (
              <Typography.Text type="secondary">Nội dung đơn chưa được cung cấp.</Typography.Text>
            ) : (
              <div className="letter-text" data-testid="letter-text">
                {c.content}
              </div>
            )}
          </Card>
          <Card title="Người viết đơn" size="small" style={{ marginBottom: 16 }}>
            <PetitionerTable petitioners={c.petitioners} />
          </Card>
          <Card title="Thời hạn" size="small" style={{ marginBottom: 16 }}>
            <DeadlineTable
              deadlines={c.deadlines.map((d, i) => ({
                ...d,
                legalBasis: c.deadlineBasis?.[i]?.legalBasis,
                length: c.deadlineBasis?.[i]?.length,
                unit: c.deadlineBasis?.[i]?.unit,
              }))}
            />
          </Card>
          <Card title="Đối thoại" size="small" style={{ marginBottom: 16 }}>
            <Dialogues dialogues={c.dialogueMinutes} count={c.dialogues} />
          </Card>
          <Card title="Quyết định giải quyết" size="small" style={{ marginBottom: 16 }}>
            {c.decision ? (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="Ngày ban hành">
                  {formatDate(c.decision.decidedAt)}
                </Descriptions.Item>
                <Descriptions.Item label="Số quyết định">{c.decision.decisionNo ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="Kết quả">
                  {label(RESOLUTION_OUTCOME_LABELS, c.decision.outcome)}
                </Descriptions.Item>
                <Descriptions.Item label="Tóm tắt">{c.decision.summary}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">Chưa có quyết định.</Typography.Text>
            )}
          </Card>
          {history.data ? (
            <Card title="Diễn biến hồ sơ" size="small" style={{ marginBottom: 16 }}>
              <Timeline
                items={history.data.events.map((e) => ({
                  children: (
                    <div>
                      <strong>{eventLabel(e.type)}</strong> — {formatInstant(e.recordedAt)} — {e.actor?.name}
                      {e.lateEntry ? <Tag color="orange">Ghi muộn</Tag> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={8}>
          <CaseCommands c={c} />
        </Col>
      </Row>
    </>
  );
}

export function PetitionerTable({ petitioners }: { petitioners: Petitioner[] }) {
  return (
    <Table<Petitioner>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={petitioners.map((p, i) => ({ ...p, key: i }))}
      locale={{ emptyText: 'Đơn không ghi tên người viết' }}
      columns={[
        { title: 'Họ và tên', dataIndex: 'fullName' },
        { title: 'Số CCCD', dataIndex: 'idNumber', render: (v?: string) => v ?? '—' },
        { title: 'Điện thoại', dataIndex: 'phone', render: (v?: string) => v ?? '—' },
        { title: 'Địa chỉ', dataIndex: 'address', render: (v?: string) => v ?? '—' },
        { title: 'Đại diện', dataIndex: 'representative', render: (v?: boolean) => (v ? 'Có' : '') },
      ]}
    />
  );
}

export function DeadlineTable({ deadlines }: { deadlines: CaseDeadline[] }) {
  return (
    <Table<CaseDeadline>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={deadlines.map((d, i) => ({ ...d, key: `${d.ruleId}-${i}` }))}
      locale={{ emptyText: 'Chưa có thời hạn' }}
      columns={[
        {
          title: 'Thời hạn',
          dataIndex: 'ruleId',
          render: (v: string, d) => (
            <div>
              <div>
                <strong>{ruleName(v)}</strong> <Tag>{v}</Tag>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.legalBasis
                  ? `Căn cứ: ${legalBasisVi(d.legalBasis)}`
                  : d.length
                    ? `${d.length} ${d.unit === 'working_days' ? 'ngày làm việc' : 'ngày'}`
                    : ''}
                {` · quy định áp dụng từ ${formatDate(d.ruleVersion)}`}
              </Typography.Text>
            </div>
          ),
        },
        { title: 'Bắt đầu', dataIndex: 'startOn', render: (v: string) => formatDate(v) },
        {
          title: 'Hạn',
          dataIndex: 'dueOn',
          render: (v: string, d) => (d.status === 'open' ? <DueTag dueOn={v} /> : formatDate(v)),
        },
        {
          title: 'Tình trạng',
          dataIndex: 'status',
          render: (v: string, d) => (
            <>
              <Tag color={DEADLINE_STATUS_COLORS[v]}>{label(DEADLINE_STATUS_LABELS, v)}</Tag>
              {d.lateEntry ? <Tag color="orange">Ghi muộn</Tag> : null}
              {d.provisional ? <Tag>Lịch tạm tính</Tag> : null}
            </>
          ),
        },
      ]}
    />
  );
}

function Dialogues({ dialogues, count }: { dialogues?: Dialogue[]; count: number }) {
  if (!dialogues?.length)
    return count ? (
      <span>Đã tổ chức {count} buổi đối thoại.</span>
    ) : (
      <Empty description="Chưa tổ chức đối thoại" />
    );
  return (
    <Timeline
      items={dialogues.map((d) => ({
        children: (
          <div>
            <strong>{formatDate(d.heldAt)}</strong> — {label(DIALOGUE_OUTCOME_LABELS, d.outcome)}
            {d.participants?.length ? <div>Thành phần: {d.participants.join(', ')}</div> : null}
            {d.minutes ? (
              <div className="letter-text" style={{ marginTop: 8 }}>
                {d.minutes}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
