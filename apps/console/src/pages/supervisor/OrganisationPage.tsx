import { Result } from 'antd';

export default function OrganisationPage() {
  return <Result status="info" title="Chức năng đang được hoàn thiện" />;
}
