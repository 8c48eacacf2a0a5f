import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { can } from '../../auth/permissions';
import { useUser } from '../../auth/session';
import { NotAllowed } from '../../components/Shell';
import { PageTitle, ProblemAlert, useUnitName, useUnits } from '../../components/common';
import { formatDate, formatInstant } from '../../lib/format';
import {
  INSPECTION_EVENT_LABELS,
  INSPECTION_KIND_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  inspectionRights,
  reportScheduleText,
  type Recommendation,
} from '../../lib/inspections';
import { label } from '../../lib/labels';
import { InspectionCommand, type Command } from './InspectionCommands';
import { InspectionStatusTag } from './InspectionsPage';

/**
 * One inspection (GET /inspections/:id): the decision, the conclusion and its directive, every
 * recommendation with its owner unit, due date, report schedule, plans and reports, the history
 * (GET /inspections/:id/history), and the commands the user may give in its state.
 */
export default function InspectionPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const units = useUnits();
  const unitName = useUnitName();
  const [command, setCommand] = useState<Command | null>(null);
  const inspection = useQuery({
    queryKey: ['inspection', id],
    queryFn: () => unwrap(api.GET('/api/v1/inspections/{id}', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['inspection-history', id, inspection.data?.version],
    enabled: !!inspection.data,
    queryFn: () => unwrap(api.GET('/api/v1/inspections/{id}/history', { params: { path: { id } } })),
  });
  if (!can(user, 'inspections')) return <NotAllowed />;
  if (inspection.isLoading) return <Skeleton active />;
  const i = inspection.data;
  if (!i)
    return (
      <>
        <PageTitle>Cuộc thanh tra, kiểm tra</PageTitle>
        <ProblemAlert error={inspection.error} />
        <Link to="/thanh-tra">Về danh sách</Link>
      </>
    );
  const rights = inspectionRights(user, units.data?.items ?? []);
  const lead = rights.lead(i.leadUnitId);
  const c = i.conclusion;
  const open = (cmd: Command) => setCommand(cmd);
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {lead && (i.status === 'decided' || i.status === 'fieldwork') ? (
              <Button type="primary" onClick={() => open({ kind: 'conclude' })}>
                Ban hành kết luận
              </Button>
            ) : null}
            {lead && i.status === 'concluded' && c && !c.directive ? (
              <Button onClick={() => open({ kind: 'directive' })}>Ghi nhận chỉ đạo thực hiện</Button>
            ) : null}
            {lead && i.status === 'concluded' ? (
              <Button onClick={() => open({ kind: 'close' })}>Kết thúc theo dõi</Button>
            ) : null}
          </Space>
        }
      >
        {label(INSPECTION_KIND_LABELS, i.kind)}: {i.title}
      </PageTitle>
      <Link to="/thanh-tra">← Danh sách thanh tra, kiểm tra</Link>
      <Card title="Quyết định" size="small" style={{ marginTop: 12, marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="Đơn vị chủ trì">{unitName(i.leadUnitId)}</Descriptions.Item>
          <Descriptions.Item label="Đơn vị được thanh tra, kiểm tra">
            {unitName(i.inspectedUnitId)}
          </Descriptions.Item>
          <Descriptions.Item label="Ngày quyết định">{formatDate(i.decidedOn)}</Descriptions.Item>
          <Descriptions.Item label="Trạng thái">
            <InspectionStatusTag status={i.status} />
          </Descriptions.Item>
          {i.fieldworkStartedOn ? (
            <Descriptions.Item label="Ngày bắt đầu tiến hành">
              {formatDate(i.fieldworkStartedOn)}
            </Descriptions.Item>
          ) : null}
          {i.closedOn ? (
            <Descriptions.Item label="Ngày kết thúc theo dõi">{formatDate(i.closedOn)}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="Kết luận" size="small" style={{ marginBottom: 16 }}>
        {c ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label="Ngày kết luận">{formatDate(c.concludedOn)}</Descriptions.Item>
            <Descriptions.Item label="Hạn chỉ đạo thực hiện">
              {formatDate(c.directiveDueOn)}
            </Descriptions.Item>
            <Descriptions.Item label="Nội dung kết luận" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {c.summary}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="Chỉ đạo thực hiện" span={2}>
              {c.directive ? (
                <span>
                  Ngày {formatDate(c.directive.issuedOn)}{' '}
                  {c.directive.outcome === 'met' ? (
                    <Tag color="green">Đúng hạn</Tag>
                  ) : (
                    <Tag color="red">Quá hạn</Tag>
                  )}
                </span>
              ) : (
                'Chưa có'
              )}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description="Chưa có kết luận" />
        )}
      </Card>
      <Card title="Kiến nghị" size="small" style={{ marginBottom: 16 }}>
        <Table<Recommendation>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={i.recommendations}
          locale={{ emptyText: 'Chưa có kiến nghị' }}
          rowClassName={(r) => (r.followUp?.overdue || r.followUp?.remediationOverdue ? 'row-overdue' : '')}
          expandable={{
            rowExpandable: (r) =>
              !!(r.plans?.length || r.reports?.length || r.moves?.length || r.waiveReason),
            expandedRowRender: (r) => <RecommendationDetail r={r} />,
          }}
          columns={[
            { title: 'Số', dataIndex: 'id', render: (v: string) => v.replace(/^r/, '') },
            { title: 'Nội dung kiến nghị', dataIndex: 'text' },
            { title: 'Đơn vị thực hiện', dataIndex: 'ownerUnitId', render: (v: string) => unitName(v) },
            {
              title: 'Hạn khắc phục',
              dataIndex: 'dueOn',
              render: (v: string | null | undefined, r) => (
                <span>
                  {formatDate(v)} {r.followUp?.remediationOverdue ? <Tag color="red">Quá hạn</Tag> : null}
                </span>
              ),
            },
            {
              title: 'Kỳ báo cáo',
              key: 'schedule',
              render: (_: unknown, r) => reportScheduleText(r, formatDate),
            },
            {
              title: 'Hạn báo cáo tiếp theo',
              key: 'next',
              render: (_: unknown, r) =>
                r.status === 'open' && r.followUp?.nextReportDue ? (
                  <span>
                    {formatDate(r.followUp.nextReportDue)}{' '}
                    {r.followUp.overdue ? (
                      <Tag color="red">Quá hạn {r.followUp.overdueReports} kỳ</Tag>
                    ) : null}
                  </span>
                ) : (
                  '—'
                ),
            },
            { title: 'Số báo cáo', key: 'reports', render: (_: unknown, r) => r.reports?.length ?? 0 },
            {
              title: 'Tình trạng',
              dataIndex: 'status',
              render: (v: string, r) => (
                <Tag color={v === 'done' ? 'green' : v === 'waived' ? 'default' : 'blue'}>
                  {label(RECOMMENDATION_STATUS_LABELS, v)}
                  {v === 'done' && r.doneOn ? ` ngày ${formatDate(r.doneOn)}` : ''}
                  {v === 'waived' && r.waivedOn ? ` từ ngày ${formatDate(r.waivedOn)}` : ''}
                </Tag>
              ),
            },
            {
              title: 'Thao tác',
              key: 'actions',
              render: (_: unknown, r) =>
                r.status !== 'open' || i.status !== 'concluded' ? null : (
                  <Space wrap size="small">
                    {rights.report(r.ownerUnitId) ? (
                      <>
                        <Button size="small" onClick={() => open({ kind: 'plan', rid: r.id })}>
                          Nộp kế hoạch
                        </Button>
                        <Button size="small" onClick={() => open({ kind: 'report', rid: r.id })}>
                          Báo cáo tiến độ
                        </Button>
                      </>
                    ) : null}
                    {lead ? (
                      <Button size="small" danger onClick={() => open({ kind: 'waive', rid: r.id })}>
                        Không yêu cầu thực hiện tiếp
                      </Button>
                    ) : null}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card title="Lịch sử" size="small">
        <ProblemAlert error={history.error} />
        <Table
          rowKey="position"
          size="small"
          pagination={false}
          loading={history.isFetching}
          dataSource={history.data?.events ?? []}
          columns={[
            { title: 'Ngày', dataIndex: 'businessDate', render: (v?: string | null) => formatDate(v) },
            {
              title: 'Sự việc',
              dataIndex: 'type',
              render: (v: string, e) => (
                <span>
                  {label(INSPECTION_EVENT_LABELS, v)}{' '}
                  {e.lateEntry ? <Tag color="orange">Ghi muộn</Tag> : null}
                </span>
              ),
            },
            {
              title: 'Người thực hiện',
              key: 'actor',
              render: (_: unknown, e) => e.actor?.name ?? e.actor?.id ?? '—',
            },
            {
              title: 'Thời điểm ghi nhận',
              dataIndex: 'recordedAt',
              render: (v: string | null) => formatInstant(v),
            },
          ]}
        />
      </Card>
      {command ? (
        <InspectionCommand inspection={i} command={command} onClose={() => setCommand(null)} />
      ) : null}
    </>
  );
}

function RecommendationDetail({ r }: { r: Recommendation }) {
  const unitName = useUnitName();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {r.plans?.length ? (
        <div>
          <Typography.Text strong>Kế hoạch khắc phục</Typography.Text>
          {r.plans.map((p, k) => (
            <div key={k}>
              Ngày {formatDate(p.submittedOn)}:
              <ul style={{ margin: 0 }}>
                {p.actions.map((a, n) => (
                  <li key={n}>{a}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
      {r.reports?.length ? (
        <div>
          <Typography.Text strong>Báo cáo tiến độ</Typography.Text>
          <ul style={{ margin: 0 }}>
            {r.reports.map((p, k) => (
              <li key={k}>
                Ngày {formatDate(p.reportedOn)}: {p.progress}{' '}
                {p.done ? <Tag color="green">Đã hoàn thành</Tag> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.moves?.map((m, k) => (
        <div key={k}>
          Chuyển từ {unitName(m.fromUnitId)} sang {unitName(m.toUnitId)} ngày {formatDate(m.effectiveOn)} (sáp
          nhập đơn vị)
        </div>
      ))}
      {r.waiveReason ? <div>Lý do không yêu cầu thực hiện tiếp: {r.waiveReason}</div> : null}
    </Space>
  );
}
