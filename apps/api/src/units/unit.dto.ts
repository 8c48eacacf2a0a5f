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
  @ApiProperty() @IsBusinessDate() effectiveOn!: string;
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
