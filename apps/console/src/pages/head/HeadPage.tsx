import { Result } from 'antd';

export default function HeadPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
