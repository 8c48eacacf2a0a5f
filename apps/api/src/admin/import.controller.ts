import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ImportHistoryMessage, XLSX_MEDIA_TYPE, fail } from '../../../../libs/application/src/index.js';
import type { ImportResult } from '../../../../libs/application/src/index.js';
import { RequirePermission } from '../auth/auth.guard.js';
import { toBool } from '../common/query.dto.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';

export class ImportQuery {
  @ApiProperty({
    description: 'why this history is brought in (stored in every imported event)',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ description: 'validate only: nothing is written', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'resume this import (default: derived from the file, so sending the same file again resumes it)',
    example: 'imp-2025-giavien',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  importId?: string;
}

export class ImportResultDto {
  @ApiProperty({ description: 'resume with it: the same importId never writes a case twice' })
  importId!: string;
  @ApiProperty({ description: 'cases written by this request (with dryRun: that would be written)' })
  cases!: number;
  @ApiProperty({ description: 'events written by this request (with dryRun: that would be written)' })
  events!: number;
  @ApiProperty({ description: 'cases of the file this import had written before (skipped)' })
  alreadyImported!: number;
  @ApiProperty()
  dryRun!: boolean;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/import')
export class ImportController {
  constructor(private readonly endpoint: CommandEndpoint) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('admin.import')
  @ApiOperation({
    summary:
      'Bring in history handled before donthu (docs/import.md): the whole file is validated first and nothing is written if a row fails',
  })
  @ApiConsumes('text/csv', XLSX_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportResultDto })
  import(@Query() q: ImportQuery, @CommandCall() call: CommandCall): Promise<ImportResult> {
    const body: unknown = call.req.body;
    if (!Buffer.isBuffer(body) || body.length === 0)
      fail('VALIDATION_FAILED', 'send the file as text/csv or XLSX', [
        { path: 'body', message: 'send the file as text/csv or XLSX' },
      ]);
    const type = (call.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const input = {
      file: body as Buffer,
      format: type === XLSX_MEDIA_TYPE ? ('xlsx' as const) : ('csv' as const),
      reason: q.reason,
      ...(q.dryRun !== undefined ? { dryRun: q.dryRun } : {}),
      ...(q.importId !== undefined ? { importId: q.importId } : {}),
    };
    // Resumed by its importId, not by an Idempotency-Key; the answer names no stream version.
    return this.endpoint.run(call, (meta) => new ImportHistoryMessage(input, meta), {
      ifMatch: false,
      idempotencyKey: false,
    });
  }
}
