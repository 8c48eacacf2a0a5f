import { Result } from 'antd';

export default function BoardsPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
