import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BoardQuery } from '../common/query.dto.js';

export { BoardQuery };

export class UpcomingQuery extends BoardQuery {
  @ApiPropertyOptional({ default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays?: number;
}

/**
 * `GET /deadlines/unclassified?unitId=&includeSubunits=&asOf=` (docs/reference/api-contract.md): the
 * letters unclassified on `asOf`; no `recordedBefore` (the case list it reads is not kept over time).
 */
export class UnclassifiedQuery extends PickType(BoardQuery, [
  'unitId',
  'includeSubunits',
  'asOf',
  'page',
  'pageSize',
  'minPosition',
] as const) {}
