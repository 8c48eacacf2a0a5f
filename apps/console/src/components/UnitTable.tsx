import { Table, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { Schema } from '../api/client';
import { formatDate } from '../lib/format';
import { UNIT_LEVEL_LABELS, label } from '../lib/labels';

type Unit = Schema<'Unit'>;
/** A unit with the units directly below it, for the tree. */
type Node = Unit & { children?: Node[] };

/** The units as a tree: each under its parent (a unit whose parent is not listed is a root). */
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

/**
 * The units with their level, heads over time and state (active, merged, a merger scheduled): the
 * organisation's tree (`asTree`), or the admin's flat list with each unit's code (`showId`), its
 * parent (`parentName`) and commands (`actions`).
 */
export function UnitTable({
  units,
  loading,
  asTree = false,
  showId = false,
  parentName,
  actions,
}: {
  units: Unit[];
  loading?: boolean;
  asTree?: boolean;
  showId?: boolean;
  parentName?: (id: string | null) => string;
  actions?: (unit: Unit) => ReactNode;
}) {
  const columns: TableColumnsType<Node> = [
    ...(showId ? [{ title: 'Mã', dataIndex: 'id', render: (v: string) => <code>{v}</code> }] : []),
    { title: 'Đơn vị', dataIndex: 'name' },
    { title: 'Cấp', dataIndex: 'level', render: (v: string) => label(UNIT_LEVEL_LABELS, v) },
    ...(parentName
      ? [{ title: 'Đơn vị cấp trên', dataIndex: 'parentId', render: (v: string | null) => parentName(v) }]
      : []),
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
    ...(actions ? [{ title: 'Thao tác', key: 'actions', render: (_: unknown, u: Unit) => actions(u) }] : []),
  ];
  return (
    <Table<Node>
      rowKey="id"
      size="middle"
      pagination={false}
      loading={loading}
      dataSource={asTree ? tree(units) : units}
      {...(asTree ? { expandable: { defaultExpandAllRows: true } } : {})}
      columns={columns}
    />
  );
}
