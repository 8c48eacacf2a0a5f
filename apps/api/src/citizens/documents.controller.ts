import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '../../../../libs/security/src/index.js';
import {
  fail,
  GetCasePaper,
  isPaperKind,
  PAPER_KINDS,
  type PaperKind,
} from '../../../../libs/application/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { correlationIdOf } from '../common/request-context.js';
import { DISCLOSURE_REASON_CODES } from '../cases/identity.controller.js';

export class PaperQuery {
  @ApiPropertyOptional({
    enum: DISCLOSURE_REASON_CODES,
    description:
      "with reason: print the petitioners' names (a recorded disclosure); required for a denunciation",
  })
  @IsOptional()
  @IsIn(DISCLOSURE_REASON_CODES, {
    message: `reasonCode must be one of ${DISCLOSURE_REASON_CODES.join(', ')}`,
  })
  reasonCode?: (typeof DISCLOSURE_REASON_CODES)[number];

  @ApiPropertyOptional({ description: 'why the names are printed; recorded in the disclosure log' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class ReceiptWithPinDto extends PaperQuery {
  @ApiProperty({
    description: 'the PIN from the registration or reissue response; never stored or logged',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  lookupPin!: string;
}

/**
 * The official papers as PDF (docs/citizens.md): `GET /cases/:id/documents/<kind>.pdf`, and
 * `POST …/receipt.pdf {lookupPin}` for the receipt with the PIN and its QR code.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class DocumentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/documents/:file')
  @ApiOperation({
    summary: `An official paper as PDF: ${PAPER_KINDS.map((k) => `${k}.pdf`).join(', ')} (names only with reasonCode and reason, recorded as a disclosure)`,
  })
  async get(
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() q: PaperQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.send(id, this.kindOf(file), principal, { ...q, correlationId: correlationIdOf(req) }, res);
  }

  @Post(':id/documents/receipt.pdf')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The receipt with the lookup PIN and its QR code (the PIN is checked against its hash)',
  })
  async receiptWithPin(
    @Param('id') id: string,
    @Body() dto: ReceiptWithPinDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.send(id, 'receipt', principal, { ...dto, correlationId: correlationIdOf(req) }, res);
  }

  private kindOf(file: string): PaperKind {
    const kind = file.endsWith('.pdf') ? file.slice(0, -4) : '';
    if (!isPaperKind(kind))
      return fail('NOT_FOUND', `no paper ${file.slice(0, 40)}; one of ${PAPER_KINDS.join(', ')}`);
    return kind;
  }

  private async send(
    id: string,
    kind: PaperKind,
    principal: Principal,
    request: GetCasePaper['request'],
    res: Response,
  ): Promise<StreamableFile> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) fail('NOT_FOUND', `no case ${id.slice(0, 64)}`);
    const { pdf, trackingCode } = await this.queries.execute(new GetCasePaper(principal, id, kind, request));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${kind}-${trackingCode}.pdf"`,
    });
  }
}
