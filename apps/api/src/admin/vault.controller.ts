import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { erasePerson } from '../../../../libs/application/src/erasure/erasure.js';
import { toActor, type Principal } from '../../../../libs/security/src/auth/roles.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { fail } from '../../../../libs/application/src/common/problem.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/runtime.tokens.js';

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
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

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
  ) {
    if (!/^[0-9a-fA-F-]{36}$/.test(personRef)) fail('NOT_FOUND', 'no such person');
    const known = await this.runtime.pool.query('SELECT 1 FROM vault_keys WHERE person_ref = $1', [
      personRef,
    ]);
    if (known.rowCount === 0) fail('NOT_FOUND', 'no such person');
    const a = toActor(principal);
    return erasePerson(this.runtime, personRef, { id: a.id, name: a.name, roles: a.roles }, dto.reason);
  }
}
