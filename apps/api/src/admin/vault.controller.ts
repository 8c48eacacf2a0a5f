import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ErasePerson } from '../../../../libs/application/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { correlationIdOf } from '../common/request-context.js';

export class EraseDto {
  @ApiProperty({ description: 'the legal basis of the erasure (Law 91/2025)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/persons')
export class VaultController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':personRef/erase')
  @HttpCode(200)
  @RequirePermission('vault.erase')
  @ApiOperation({
    summary: "Erase a person's identity everywhere (crypto-shredding: the data key is deleted)",
  })
  async erase(
    @Param('personRef') personRef: string,
    @Body() dto: EraseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ) {
    return this.commands.execute(
      new ErasePerson(personRef, dto.reason, { principal, correlationId: correlationIdOf(req) }),
    );
  }
}
