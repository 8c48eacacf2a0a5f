import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ErasePerson } from '../../../../libs/application/src/index.js';
import { RequirePermission } from '../auth/auth.guard.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';

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
  constructor(private readonly endpoint: CommandEndpoint) {}

  @Post(':personRef/erase')
  @HttpCode(200)
  @RequirePermission('vault.erase')
  @ApiOperation({
    summary: "Erase a person's identity everywhere (crypto-shredding: the data key is deleted)",
  })
  erase(@Param('personRef') personRef: string, @Body() dto: EraseDto, @CommandCall() call: CommandCall) {
    // Erasing again answers alreadyErased; the answer names no stream version (no ETag).
    return this.endpoint.run(call, (meta) => new ErasePerson(personRef, dto.reason, meta), {
      ifMatch: false,
      idempotencyKey: false,
    });
  }
}
