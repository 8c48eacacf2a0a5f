import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { CaseTable } from '../../components/CaseTable';
import { DateField } from '../../components/DateField';
import { PageTitle, ProblemAlert, UnitSelect } from '../../components/common';
import { KIND_LABELS, STATUS_LABELS } from '../../lib/labels';

interface Filters {
  q?: string;
  status?: string;
  kind?: string;
  unitId?: string;
  includeSubunits?: boolean;
  receivedFrom?: string | null;
  receivedTo?: string | null;
}

const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

/** Tra cứu hồ sơ: search by code, subject or content, with filters (never by a person's identity). */
export default function CaseListPage() {
  const [filters, setFilters] = useState<Filters>({ includeSubunits: true });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['cases', 'search', filters, paging],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: {
            query: {
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.status ? { status: filters.status as never } : {}),
              ...(filters.kind ? { kind: filters.kind as never } : {}),
              ...(filters.unitId
                ? { unitId: filters.unitId, includeSubunits: filters.includeSubunits ?? true }
                : {}),
              ...(filters.receivedFrom ? { receivedFrom: filters.receivedFrom } : {}),
              ...(filters.receivedTo ? { receivedTo: filters.receivedTo } : {}),
              page: paging.page,
              pageSize: paging.pageSize,
            },
          },
        }),
      ),
  });
  return (
    <>
      <PageTitle>Tra cứu hồ sơ</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          layout="vertical"
          initialValues={filters}
          onFinish={(v) => {
            setFilters(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="q" label="Mã hồ sơ, trích yếu hoặc nội dung">
                <Input allowClear prefix={<SearchOutlined />} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="status" label="Trạng thái">
                <Select allowClear options={options(STATUS_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="kind" label="Loại đơn">
                <Select allowClear options={options(KIND_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="receivedFrom" label="Nhận từ ngày">
                <DateField allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="receivedTo" label="Đến ngày">
                <DateField allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="unitId" label="Đơn vị">
                <UnitSelect allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="includeSubunits" valuePropName="checked" label=" ">
                <Checkbox>Gồm cả đơn vị trực thuộc</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label=" ">
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  Tìm kiếm
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ProblemAlert error={list.error} />
      <CaseTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        total={list.data?.total}
        page={paging.page}
        pageSize={paging.pageSize}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}
