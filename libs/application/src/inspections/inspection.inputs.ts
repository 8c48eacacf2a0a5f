import type { InspectionKind, ReportCadence } from '../../../domain/src/index.js';

/** What the inspection use cases take as input: plain data, already validated by whoever received it. */
export interface DecideInspectionInput {
  title: string;
  kind: InspectionKind;
  leadUnitId: string;
  inspectedUnitId: string;
  decidedOn: string;
}

export interface RecommendationInput {
  text: string;
  ownerUnitId: string;
  dueOn?: string | null;
  reportEvery?: ReportCadence | null;
  reportDates?: string[] | null;
}

export interface ConcludeInspectionInput {
  concludedOn: string;
  summary: string;
  recommendations: RecommendationInput[];
}
