import { Result } from 'antd';

export default function ReceptionPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
