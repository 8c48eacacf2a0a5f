import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, IsInstant } from '../common/validators.js';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class BoardQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'unitId must be a unit id' })
  unitId?: string;
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeSubunits?: boolean;
  @ApiPropertyOptional({ description: 'business date; default today in Vietnam' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
  @ApiPropertyOptional({ description: 'instant: only events recorded before it count' })
  @IsOptional()
  @IsInstant()
  recordedBefore?: string;
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  page?: number;
  @ApiPropertyOptional({ default: 200, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}

export class UpcomingQuery extends BoardQuery {
  @ApiPropertyOptional({ default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays?: number;
}
