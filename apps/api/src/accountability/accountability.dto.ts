import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { IsBusinessDate, IsInstant } from '../common/validators.js';
import { toBool, UNIT_ID } from '../common/query.dto.js';

/** `/accountability` and `/reception-duty`: a unit, a period [from, to] and the two clocks. */
export class AccountabilityQuery {
  @ApiPropertyOptional({ description: 'default: your unit' })
  @IsOptional()
  @IsString()
  @Matches(UNIT_ID, { message: 'unitId must be a unit id' })
  unitId?: string;
  @ApiProperty({ example: '2026-01-01', description: 'first day of the period (business date)' })
  @IsBusinessDate()
  from!: string;
  @ApiProperty({ example: '2026-12-31', description: 'last day of the period (inclusive)' })
  @IsBusinessDate()
  to!: string;
  @ApiPropertyOptional({ description: 'business date the situation is judged on; default today in Vietnam' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
  @ApiPropertyOptional({ description: 'instant: only what was recorded before it counts' })
  @IsOptional()
  @IsInstant()
  recordedBefore?: string;
  @ApiPropertyOptional({ default: false, description: 'also one row per head term of every unit below' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeSubunits?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}
