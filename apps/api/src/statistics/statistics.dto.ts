import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toBool, UNIT_ID } from '../common/query.dto.js';
import { IsBusinessDate, IsInstant } from '../common/validators.js';

/** `GET /statistics`: a unit, a reporting period (or a range) and the two clocks. */
export class StatisticsQuery {
  @ApiPropertyOptional({ description: "default: the caller's unit" })
  @IsOptional()
  @IsString()
  @Matches(UNIT_ID, { message: 'unitId must be a unit id' })
  unitId?: string;
  @ApiPropertyOptional({ default: true, description: 'roll the sub-units up into the figures' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
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
  @ApiPropertyOptional({ description: 'first day of a custom range (business date)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
  @ApiPropertyOptional({ description: 'last day of a custom range (inclusive)' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
  @ApiPropertyOptional({ description: 'business date: figures cover [from, min(to, asOf)]; default today' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
  @ApiPropertyOptional({
    description: 'instant: only what was recorded before it counts (a report as filed)',
  })
  @IsOptional()
  @IsInstant()
  recordedBefore?: string;
  @ApiPropertyOptional({ description: 'wait (≤ 5 s) until every projection has applied this position' })
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}

/** `GET /statistics/cases`: the same query, a figure path and a page. */
export class StatisticsCasesQuery extends StatisticsQuery {
  @ApiPropertyOptional({
    example: 'resolved.late',
    description:
      'a figure of the report (received.byKind.complaint, openAtEnd.overdue, previous.resolved.total, …)',
  })
  @IsString()
  @Matches(/^[A-Za-z_.]{1,80}$/, { message: 'figure must be a figure path such as resolved.late' })
  figure!: string;
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  page?: number;
  @ApiPropertyOptional({ default: 200, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
