import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import {
  AsOfField,
  IncludeSubunitsField,
  PageField,
  PageSizeField,
  RecordedBeforeField,
  UnitIdField,
} from '../common/query.dto.js';
import { IsBusinessDate } from '../common/validators.js';

/**
 * `GET /statistics`: a unit, a reporting period (or a range) and the two clocks. The fields a board
 * has too are the boards' (common/query.dto.ts), described for a report.
 */
export class StatisticsQuery {
  @UnitIdField()
  unitId?: string;
  @IncludeSubunitsField('roll the sub-units up into the figures')
  includeSubunits?: boolean;
  @ApiPropertyOptional({
    example: '2026-Q1',
    description:
      'a reporting period of TT 02/2021/TT-TTCP: 2026-Q1…Q4, 2026-H1, 2026-9M or 2026, with the official cut-offs (2026-Q1 = 2025-12-15…2026-03-14); not with from/to; neither: the current quarter',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}(-(Q[1-4]|H1|9M))?$/, {
    message: 'period must be a report period such as 2026-Q1…Q4, 2026-H1, 2026-9M or 2026',
  })
  period?: string;
  @ApiPropertyOptional({
    description: 'first day of a custom range (business date)',
  })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
  @ApiPropertyOptional({
    description: 'last day of a custom range (inclusive)',
  })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
  @AsOfField('business date: figures cover [from, min(to, asOf)]; default today')
  asOf?: string;
  @RecordedBeforeField('instant: only what was recorded before it counts (a report as filed)')
  recordedBefore?: string;
  // Not ProjectionListQuery's: a report waits for a position of up to 19 digits.
  @ApiPropertyOptional({
    description: 'wait (≤ 5 s) until every projection has applied this position',
  })
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}

/** `GET /statistics/cases`: the same query, a figure path and a page (PageQuery's fields). */
export class StatisticsCasesQuery extends StatisticsQuery {
  @ApiPropertyOptional({
    example: 'resolved.late',
    description:
      'a figure of the report (received.byKind.complaint, openAtEnd.overdue, previous.resolved.total, …)',
  })
  @IsString()
  @Matches(/^[A-Za-z_.]{1,80}$/, {
    message: 'figure must be a figure path such as resolved.late',
  })
  figure!: string;
  @PageField()
  page?: number;
  @PageSizeField()
  pageSize?: number;
}
