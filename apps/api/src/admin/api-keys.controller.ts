import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { QueryBus } from '@nestjs/cqrs';
import { fail, ListApiKeys, Open311Service, UnitDirectory } from '../../../../libs/application/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'the receiving unit the key files letters for (its jurisdiction_id)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'unitId must be a unit id' })
  unitId!: string;
  @ApiProperty({ description: 'whose system holds the key, e.g. "Cổng dịch vụ công tỉnh"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;
}

/**
 * Open311 API keys (docs/open311.md), for admins: a key is issued for one receiving unit and shown
 * once (only its SHA-256 hash is stored); a revoked key stops working at once and stays listed.
 * `donthu apikeys create|list|revoke` does the same from the command line.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(
    private readonly open311: Open311Service,
    private readonly queries: QueryBus,
    private readonly units: UnitDirectory,
  ) {}

  @Post()
  @RequirePermission('apikeys.manage')
  @ApiOperation({ summary: 'Issue an Open311 API key for one unit (the key is in this answer only)' })
  async create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal) {
    if (!(await this.units.exists(dto.unitId)))
      fail('VALIDATION_FAILED', 'unitId: no such unit', [{ path: 'unitId', message: 'no such unit' }]);
    return this.open311.keys.issue({ unitId: dto.unitId, label: dto.label, by: principal.id });
  }

  @Get()
  @RequirePermission('apikeys.manage')
  @ApiOperation({ summary: 'The Open311 API keys (never the keys themselves)' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListApiKeys(principal));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('apikeys.manage')
  @ApiOperation({ summary: 'Revoke an Open311 API key (it stops working at once)' })
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const revoked = await this.open311.keys.revoke(id, principal.id);
    if (!revoked) return fail('NOT_FOUND', `no API key ${id.slice(0, 64)}`);
    return revoked;
  }
}
