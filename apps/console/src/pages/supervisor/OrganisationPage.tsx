import { Card, Table, Tag } from 'antd';
import type { Unit } from '../../api/types';
import { PageTitle, ProblemAlert, useUnits } from '../../components/common';
import { formatDate } from '../../lib/format';
import { UNIT_LEVEL_LABELS, label } from '../../lib/labels';

interface Node extends Unit {
  children?: Node[];
}

function tree(units: Unit[]): Node[] {
  const byParent = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && units.some((p) => p.id === u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const build = (parent: string | null): Node[] =>
    (byParent.get(parent) ?? []).map((u) => {
      const children = build(u.id);
      return children.length ? { ...u, children } : { ...u };
    });
  return build(null);
}

/** Cơ cấu tổ chức: the unit tree with each unit's heads over time. */
export default function OrganisationPage() {
  const units = useUnits();
  return (
    <>
      <PageTitle>Cơ cấu tổ chức</PageTitle>
      <ProblemAlert error={units.error} />
      <Card size="small">
        <Table<Node>
          rowKey="id"
          size="middle"
          pagination={false}
          loading={units.isLoading}
          dataSource={tree(units.data?.items ?? [])}
          expandable={{ defaultExpandAllRows: true }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'name' },
            { title: 'Cấp', dataIndex: 'level', render: (v: string) => label(UNIT_LEVEL_LABELS, v) },
            {
              title: 'Người đứng đầu',
              dataIndex: 'heads',
              render: (heads: Unit['heads']) =>
                (heads ?? []).length === 0
                  ? '—'
                  : (heads ?? []).map((h) => (
                      <div key={`${h.personId}-${h.from}`}>
                        {h.fullName} {h.acting ? <Tag>Quyền</Tag> : null}
                        <span style={{ color: '#595959' }}>
                          {' '}
                          (từ {formatDate(h.from)}
                          {h.to ? ` đến ${formatDate(h.to)}` : ''})
                        </span>
                      </div>
                    )),
            },
            {
              title: 'Tình trạng',
              key: 'state',
              render: (_: unknown, u) =>
                u.ceasedOn ? (
                  <Tag>Đã sáp nhập từ {formatDate(u.ceasedOn)}</Tag>
                ) : u.mergesInto ? (
                  <Tag color="orange">Sẽ sáp nhập ngày {formatDate(u.mergesInto.effectiveOn)}</Tag>
                ) : (
                  <Tag color="green">Đang hoạt động</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
