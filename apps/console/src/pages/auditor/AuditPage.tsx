import { Result } from 'antd';

export default function AuditPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
