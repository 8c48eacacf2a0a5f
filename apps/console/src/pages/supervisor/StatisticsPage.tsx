import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Form, Row, Select, Space, Table, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, download, unwrap, type Schema } from '../../api/client';
import { useUser } from '../../auth/session';
import { PageTitle, ProblemAlert, useUnits } from '../../components/common';
import { UnitScopeFilter, type UnitScope } from '../../components/UnitScopeFilter';
import { formatDate, todayInVietnam } from '../../lib/format';
import { FIGURE_LABELS, KIND_LABELS } from '../../lib/labels';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Report = Schema<'StatisticsReport'>;
/** The figures of one period or unit: the report's own, `previous`, `yearEarlier`, each of `units`. */
type Figures = Schema<'StatisticsFigures'>;
type UnitRow = Report['units'][number];
type FigureCase = Schema<'StatisticsCase'>;

/**
 * The report's rows: a figure path, and whether it is a line under the one above. Their names are the
 * XLSX's and the CSV's (FIGURE_LABELS, libs/labels).
 */
const ROWS: [string, string][] = (
  [
    ['received.total', false],
    ['received.byKind.complaint', true],
    ['received.byKind.denunciation', true],
    ['received.byKind.petition', true],
    ['received.byKind.reflection', true],
    ['received.byKind.unclassified', true],
    ['processed.accepted', false],
    ['processed.rejected', false],
    ['processed.guided', false],
    ['processed.archived', false],
    ['processed.transferred', false],
    ['resolved.total', false],
    ['resolved.onTime', true],
    ['resolved.late', true],
    ['resolved.withoutDeadline', true],
    ['resolved.lateEntries', true],
    ['openAtStart.total', false],
    ['openAtEnd.total', false],
    ['openAtEnd.overdue', true],
    ['dialoguesHeld', false],
    ['reception.sessionsHeld', false],
    ['reception.headSessionsHeld', true],
    ['reception.citizensReceived', false],
  ] as [string, boolean][]
).map(([path, under]) => [path, `${under ? '— ' : ''}${FIGURE_LABELS[path] ?? path}`]);

/** The units of a report along a chart's x axis (the unit itself marked as its own cases). */
const unitAxis = (units: UnitRow[]) => ({
  type: 'category' as const,
  data: units.map((u) => (u.own ? `${u.unitName} (trực tiếp)` : u.unitName)),
  axisLabel: { interval: 0, rotate: 30, width: 120, overflow: 'truncate' as const },
});

const valueAt = (f: Figures, path: string): number =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], f) as number;

/** The reporting periods of this year and the last (TT 02/2021: quarters, 6 and 9 months, the year). */
function periodOptions(today: string): { value: string; label: string }[] {
  const year = Number(today.slice(0, 4)) + (today.slice(5) >= '12-15' ? 1 : 0);
  const out: { value: string; label: string }[] = [];
  for (const y of [year, year - 1]) {
    for (const [q, name] of [
      ['Q1', 'Quý I'],
      ['Q2', 'Quý II'],
      ['Q3', 'Quý III'],
      ['Q4', 'Quý IV'],
    ])
      out.push({ value: `${y}-${q}`, label: `${name} năm ${y}` });
    out.push({ value: `${y}-H1`, label: `6 tháng đầu năm ${y}` });
    out.push({ value: `${y}-9M`, label: `9 tháng năm ${y}` });
    out.push({ value: `${y}`, label: `Năm ${y}` });
  }
  return out;
}

/** The quarter holding a date, with the official cut-off (the 15th of the month before the quarter). */
function currentQuarter(today: string): string {
  const md = today.slice(5);
  const year = Number(today.slice(0, 4));
  if (md >= '12-15') return `${year + 1}-Q1`;
  if (md < '03-15') return `${year}-Q1`;
  if (md < '06-15') return `${year}-Q2`;
  if (md < '09-15') return `${year}-Q3`;
  return `${year}-Q4`;
}

function Chart({ option, label }: { option: echarts.EChartsCoreOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height: 280, width: '100%' }} />;
}

interface Filters {
  unitId: string;
  period: string;
  includeSubunits: boolean;
}

/**
 * The filter form's values: the unit and its sub-units as one field (the shared `UnitScopeFilter`, as
 * on the boards and the late entries), then the period.
 */
export interface StatisticsFilterForm {
  scope: UnitScope;
  period: string;
}

/** The report's filters from the form; a cleared unit keeps the one shown (the report needs one). */
export const statisticsFilters = (v: StatisticsFilterForm, current: Filters): Filters => ({
  unitId: v.scope.unitId ?? current.unitId,
  includeSubunits: v.scope.includeSubunits,
  period: v.period,
});

/** Đơn vị + Gồm đơn vị trực thuộc, then Kỳ báo cáo, then Xem: the filter of the statistics page. */
export function StatisticsFilter({
  value,
  periods,
  onFinish,
}: {
  value: Filters;
  periods: { value: string; label: string }[];
  onFinish: (v: StatisticsFilterForm) => void;
}) {
  return (
    <Form<StatisticsFilterForm>
      layout="inline"
      initialValues={{
        scope: { unitId: value.unitId, includeSubunits: value.includeSubunits },
        period: value.period,
      }}
      onFinish={onFinish}
    >
      <Form.Item name="scope">
        <UnitScopeFilter />
      </Form.Item>
      <Form.Item name="period" label="Kỳ báo cáo">
        <Select style={{ width: 200 }} options={periods} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          Xem
        </Button>
      </Form.Item>
    </Form>
  );
}

/** Thống kê, báo cáo: the periodic report figures of a unit, with charts, exports and drill-down. */
export default function StatisticsPage() {
  const user = useUser();
  const units = useUnits();
  const { message } = App.useApp();
  const today = todayInVietnam();
  const [f, setF] = useState<Filters>({
    unitId: user.unitId ?? 'nb',
    period: currentQuarter(today),
    includeSubunits: true,
  });
  const [figure, setFigure] = useState<{ path: string; name: string; unitId?: string; own?: boolean } | null>(
    null,
  );
  const report = useQuery({
    queryKey: ['statistics', f],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/statistics', {
          params: { query: { unitId: f.unitId, period: f.period, includeSubunits: f.includeSubunits } },
        }),
      ),
  });
  const cases = useQuery({
    queryKey: ['statistics-cases', f, figure],
    enabled: figure !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/statistics/cases', {
          params: {
            query: {
              unitId: figure?.unitId ?? f.unitId,
              period: f.period,
              includeSubunits: figure?.own ? false : f.includeSubunits,
              figure: figure?.path ?? 'received.total',
            },
          },
        }),
      ),
  });
  const exportAs = async (accept: string, ext: string) => {
    const qs = new URLSearchParams({
      unitId: f.unitId,
      period: f.period,
      includeSubunits: String(f.includeSubunits),
    });
    try {
      await download(`/api/v1/statistics?${qs}`, accept, `bao-cao-${f.unitId}-${f.period}.${ext}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const r = report.data;
  const drill = (path: string, name: string, unitId?: string, own?: boolean) => (value: number) =>
    value > 0 ? (
      <Button type="link" size="small" onClick={() => setFigure({ path, name, unitId, own })}>
        {value}
      </Button>
    ) : (
      <span>{value}</span>
    );
  const kinds: [string, string][] = [...Object.entries(KIND_LABELS), ['unclassified', 'Chưa phân loại']];
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs(XLSX, 'xlsx')}>
              Xuất Excel
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('text/csv', 'csv')}>
              Xuất CSV
            </Button>
          </Space>
        }
      >
        Thống kê, báo cáo định kỳ
      </PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <StatisticsFilter
          value={f}
          periods={periodOptions(today)}
          onFinish={(v) => setF(statisticsFilters(v, f))}
        />
      </Card>
      <ProblemAlert error={report.error} />
      {r ? (
        <>
          <Typography.Paragraph>
            {r.unitName}: kỳ báo cáo {r.period.label}, từ ngày {formatDate(r.period.from)} đến ngày{' '}
            {formatDate(r.period.to)}.
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Card size="small" title="Đơn tiếp nhận theo loại">
                <Chart
                  label="Đơn tiếp nhận theo loại: kỳ này, kỳ trước, cùng kỳ năm trước"
                  option={{
                    tooltip: {},
                    legend: {},
                    grid: { containLabel: true, left: 8, right: 8, bottom: 40 },
                    xAxis: {
                      type: 'category',
                      data: kinds.map(([, n]) => n),
                      axisLabel: { interval: 0, rotate: 20 },
                    },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      ['Kỳ này', r],
                      ['Kỳ trước', r.previous],
                      ['Cùng kỳ năm trước', r.yearEarlier],
                    ].map(([name, x]) => ({
                      name: name as string,
                      type: 'bar',
                      data: kinds.map(([k]) => (x as Figures).received.byKind[k] ?? 0),
                    })),
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title="Giải quyết đúng hạn, quá hạn">
                <Chart
                  label="Giải quyết đúng hạn và quá hạn theo đơn vị"
                  option={{
                    tooltip: {},
                    legend: {},
                    grid: { containLabel: true, left: 8, right: 8, bottom: 40 },
                    xAxis: unitAxis(r.units),
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      {
                        name: 'Đúng hạn',
                        type: 'bar',
                        stack: 't',
                        data: r.units.map((u) => u.resolved.onTime),
                      },
                      { name: 'Quá hạn', type: 'bar', stack: 't', data: r.units.map((u) => u.resolved.late) },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title="Tồn cuối kỳ quá hạn theo đơn vị">
                <Chart
                  label="Hồ sơ tồn cuối kỳ đã quá hạn theo đơn vị"
                  option={{
                    tooltip: {},
                    grid: { containLabel: true, left: 8, right: 8, bottom: 40 },
                    xAxis: unitAxis(r.units),
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [{ name: 'Quá hạn', type: 'bar', data: r.units.map((u) => u.openAtEnd.overdue) }],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="Tổng hợp" style={{ marginTop: 16 }}>
            <Table
              rowKey="path"
              size="small"
              pagination={false}
              dataSource={ROWS.map(([path, name]) => ({
                path,
                name,
                now: valueAt(r, path),
                previous: valueAt(r.previous, path),
                yearEarlier: valueAt(r.yearEarlier, path),
              }))}
              columns={[
                { title: 'Chỉ tiêu', dataIndex: 'name' },
                {
                  title: `Kỳ này (${r.period.label})`,
                  dataIndex: 'now',
                  align: 'right',
                  render: (v: number, row: { path: string; name: string }) => drill(row.path, row.name)(v),
                },
                {
                  title: `Kỳ trước (${r.previous.period.label})`,
                  dataIndex: 'previous',
                  align: 'right',
                  render: (v: number, row: { path: string; name: string }) =>
                    drill(`previous.${row.path}`, `${row.name} (kỳ trước)`)(v),
                },
                {
                  title: `Cùng kỳ năm trước (${r.yearEarlier.period.label})`,
                  dataIndex: 'yearEarlier',
                  align: 'right',
                  render: (v: number, row: { path: string; name: string }) =>
                    drill(`yearEarlier.${row.path}`, `${row.name} (cùng kỳ năm trước)`)(v),
                },
              ]}
            />
          </Card>
          <Card size="small" title="Theo đơn vị" style={{ marginTop: 16 }}>
            <Table<UnitRow>
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={r.units}
              columns={[
                {
                  title: 'Đơn vị',
                  dataIndex: 'unitName',
                  render: (v: string, u: UnitRow) => (u.own ? `${v} (trực tiếp)` : v),
                },
                ...(
                  [
                    ['received.total', 'Đơn tiếp nhận'],
                    ['processed.accepted', 'Thụ lý'],
                    ['resolved.total', 'Đã giải quyết'],
                    ['resolved.onTime', 'Đúng hạn'],
                    ['resolved.late', 'Quá hạn'],
                    ['openAtEnd.total', 'Tồn cuối kỳ'],
                    ['openAtEnd.overdue', 'Tồn quá hạn'],
                  ] as [string, string][]
                ).map(([path, name]) => ({
                  title: name,
                  key: path,
                  align: 'right' as const,
                  render: (_: unknown, u: UnitRow) =>
                    drill(path, `${name} — ${u.unitName}`, u.unitId, u.own)(valueAt(u, path)),
                })),
              ]}
            />
          </Card>
        </>
      ) : null}
      <Drawer open={figure !== null} onClose={() => setFigure(null)} title={figure?.name} width={560}>
        <ProblemAlert error={cases.error} />
        <Table<FigureCase>
          rowKey={(c) => `${c.caseId ?? c.sessionId}-${c.businessDate}`}
          size="small"
          loading={cases.isFetching}
          dataSource={cases.data?.items ?? []}
          locale={{ emptyText: 'Không có hồ sơ' }}
          columns={[
            {
              title: 'Mã hồ sơ',
              dataIndex: 'trackingCode',
              render: (v: string | null, c) =>
                c.caseId ? (
                  <Link to={`/ho-so/${c.caseId}`}>{v}</Link>
                ) : (
                  `Buổi tiếp ${c.sessionId?.slice(0, 8)}`
                ),
            },
            { title: 'Ngày', dataIndex: 'businessDate', render: (v: string) => formatDate(v) },
            {
              title: 'Đơn vị',
              dataIndex: 'unitId',
              render: (v: string) => units.data?.items.find((u) => u.id === v)?.name ?? v,
            },
          ]}
        />
      </Drawer>
    </>
  );
}
