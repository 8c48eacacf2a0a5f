import { Card, Typography } from 'antd';
import type { CaseView } from '../../api/types';

export function CaseCommands({ c }: { c: CaseView }) {
  return (
    <Card title="Xử lý hồ sơ" size="small">
      <Typography.Text type="secondary">Phiên bản {c.version}</Typography.Text>
    </Card>
  );
}
