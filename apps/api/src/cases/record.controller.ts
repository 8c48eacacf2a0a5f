import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { CASE_RECORD_ADAPTERS, ExportCaseRecord, fail } from '../../../../libs/application/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { correlationIdOf } from '../common/request-context.js';
import { DISCLOSURE_REASON_CODES } from './identity.controller.js';

const FORMATS = [...CASE_RECORD_ADAPTERS.keys()];

export class CaseRecordQuery {
  @ApiProperty({ description: 'the unit whose system receives the record' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'receiverUnitId must be a unit id' })
  receiverUnitId!: string;
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'petitioners in clear (a recorded disclosure; needs reasonCode and reason, the right to see them, and a receiver who may)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeIdentities must be true or false' })
  includeIdentities?: boolean;
  @ApiPropertyOptional({
    enum: DISCLOSURE_REASON_CODES,
    description: 'with includeIdentities: the legal ground',
  })
  @IsOptional()
  @IsIn(DISCLOSURE_REASON_CODES, {
    message: `reasonCode must be one of ${DISCLOSURE_REASON_CODES.join(', ')}`,
  })
  reasonCode?: (typeof DISCLOSURE_REASON_CODES)[number];
  @ApiPropertyOptional({ description: 'with includeIdentities: why; recorded in the disclosure log' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
  @ApiPropertyOptional({
    enum: FORMATS,
    description: 'the exchange format (default donthu-json, docs/exchange.md)',
  })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: string;
}

/**
 * The case's full record for another unit's system (docs/exchange.md): history, documents, deadlines;
 * identities only under the rules of `/petitioners` on both sides, each such export a disclosure.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseRecordController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/record')
  @ApiOperation({
    summary:
      "The case's full record (history, documents, deadlines) for transfer to another unit's system; identities masked unless exported under the rules (a recorded disclosure)",
  })
  async record(
    @Param('id') id: string,
    @Query() q: CaseRecordQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) fail('NOT_FOUND', `no case ${id.slice(0, 64)}`);
    const record = await this.queries.execute(
      new ExportCaseRecord(principal, id, {
        receiverUnitId: q.receiverUnitId,
        includeIdentities: q.includeIdentities === true,
        ...(q.reasonCode !== undefined ? { reasonCode: q.reasonCode } : {}),
        ...(q.reason !== undefined ? { reason: q.reason } : {}),
        correlationId: correlationIdOf(req),
      }),
    );
    const adapter = CASE_RECORD_ADAPTERS.get(q.format ?? 'donthu-json')!;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${adapter.fileName(record)}"`);
    if (adapter.mediaType === 'application/json') return record;
    res.type(adapter.mediaType);
    return adapter.encode(record);
  }
}
