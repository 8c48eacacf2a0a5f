import { ProjectionListQuery } from '../common/query.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../common/validators.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const LEVELS = ['central', 'province', 'commune', 'department', 'agency'] as const;

export class CreateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'id must be 1–64 letters, digits, dots, dashes or underscores' })
  id?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) name!: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level!: (typeof LEVELS)[number];
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'parentId must be a unit id' })
  parentId?: string;
  @ApiPropertyOptional({
    example: '2025-07-01',
    description:
      'the first day the unit exists (default 1990-01-01); may lie ahead. Acts dated before it that name the unit are refused',
  })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
}

export class RenameUnitDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) name!: string;
}

export class AppointHeadDto {
  @ApiProperty() @IsString() @Matches(ID, { message: 'personId must be a person id' }) personId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fullName!: string;
  @ApiProperty() @IsBusinessDate() from!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() acting?: boolean;
}

export class MergeUnitDto {
  @ApiProperty() @IsString() @Matches(ID, { message: 'intoUnitId must be a unit id' }) intoUnitId!: string;
  @ApiProperty({
    example: '2025-07-01',
    description:
      'the day the unit ceases: in the past (what was pending then moves) or ahead (a scheduled merger, carried out on that date)',
  })
  @IsBusinessDate()
  effectiveOn!: string;
}

export class CancelMergerDto {
  @ApiProperty({ description: 'why the scheduled merger is withdrawn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class NameDelegateDto {
  @ApiProperty({ description: 'the person who may record reception holds as the head’s own' })
  @IsString()
  @Matches(ID, { message: 'delegateId must be a person id' })
  delegateId!: string;
  @ApiProperty({ description: 'not before today (a delegation is never back-dated)' })
  @IsBusinessDate()
  from!: string;
  @ApiPropertyOptional({ description: 'the last day (inclusive); open when omitted' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}

/** `GET /units`: the tree on a date, a page of it (ordered by unit id). */
export class UnitListQuery extends ProjectionListQuery {
  @ApiPropertyOptional({ description: 'a business date: the tree, names and heads on that day' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class UnitAsOfQuery {
  @ApiPropertyOptional({ description: 'a business date: the tree, names and heads on that day' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}
