import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CASE_EVENT_TYPES, INSPECTION_EVENT_TYPES } from '../../../../libs/domain/src/index.js';

/**
 * The acts that can be late entries: every case act, a reception session's hold (docs/reference/api-contract.md
 * `heldLate`) and every inspection act a person records (not a merger's move of a recommendation).
 */
const LATE_ENTRY_TYPES: readonly string[] = [
  ...CASE_EVENT_TYPES,
  'ReceptionSessionHeld',
  ...INSPECTION_EVENT_TYPES.filter((t) => t !== 'RecommendationMoved'),
];
import type { Principal } from '../../../../libs/security/src/index.js';
import { ListLateEntries } from '../../../../libs/application/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { BoardQuery } from '../common/query.dto.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { IsBusinessDate } from '../common/validators.js';

/** A unit with or without its subunits, paging and `minPosition`; no business date (the acts are listed as recorded). */
export class LateEntriesQuery extends PickType(BoardQuery, [
  'unitId',
  'includeSubunits',
  'page',
  'pageSize',
  'minPosition',
] as const) {
  @ApiPropertyOptional({ description: 'recorded on or after this date (Vietnam)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
  @ApiPropertyOptional({ description: 'recorded on or before this date (Vietnam)' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
  @ApiPropertyOptional({ description: 'the person who recorded the act' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9:._@-]{1,200}$/, { message: 'actorId must be an id' })
  actorId?: string;
  @ApiPropertyOptional({ enum: LATE_ENTRY_TYPES, description: 'the event type of the act' })
  @IsOptional()
  @IsIn(LATE_ENTRY_TYPES as unknown[])
  type?: string;
}

/**
 * GET /late-entries (docs/reference/api-contract.md, docs/reference/deadlines.md §9): the acts recorded after the LATE_ENTRY_GRACE_DAYS-th
 * working day past their business date, by unit and by the person who recorded them. Read from the
 * events themselves (the mark was decided when they were recorded and is never recomputed).
 */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('late-entries')
export class LateEntriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get()
  @RequirePermission('late-entries.read')
  @ApiOperation({ summary: 'Acts recorded late (back-dated), by unit and by the person who recorded them' })
  async list(
    @Query() q: LateEntriesQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The acts are read from the events; the units they belong to from these read models.
    return this.waiter.waitThenRead(
      q.minPosition,
      { res, reads: [READS.cases, READS.receptionSessions, READS.inspections, READS.units] },
      () => this.queries.execute(new ListLateEntries(p, q)),
    );
  }
}
