import { Result } from 'antd';

export default function AdminPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
