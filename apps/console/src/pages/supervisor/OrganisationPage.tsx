import { Card } from 'antd';
import { UnitTable } from '../../components/UnitTable';
import { PageTitle, ProblemAlert, useUnits } from '../../components/common';

/** Cơ cấu tổ chức: the unit tree with each unit's heads over time. */
export default function OrganisationPage() {
  const units = useUnits();
  return (
    <>
      <PageTitle>Cơ cấu tổ chức</PageTitle>
      <ProblemAlert error={units.error} />
      <Card size="small">
        <UnitTable units={units.data?.items ?? []} loading={units.isLoading} asTree />
      </Card>
    </>
  );
}
