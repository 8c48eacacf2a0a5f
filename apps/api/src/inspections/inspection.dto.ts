import { BoardQuery } from '../common/query.dto.js';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INSPECTION_KINDS, REPORT_CADENCES } from '../../../../libs/domain/src/index.js';
import type { InspectionKind, ReportCadence } from '../../../../libs/domain/src/index.js';
import { IsBusinessDate } from '../common/validators.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const unitId = (name: string) => ({
  message: `${name} must be a unit id (1–64 letters, digits, dots, dashes or underscores)`,
});

export class DecideInspectionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @ApiProperty({ enum: INSPECTION_KINDS }) @IsIn(INSPECTION_KINDS) kind!: InspectionKind;
  @ApiProperty({ description: 'the inspectorate running the mission' })
  @IsString()
  @Matches(ID, unitId('leadUnitId'))
  leadUnitId!: string;
  @ApiProperty() @IsString() @Matches(ID, unitId('inspectedUnitId')) inspectedUnitId!: string;
  @ApiProperty({ example: '2025-12-01' }) @IsBusinessDate() decidedOn!: string;
}

export class RecommendationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) text!: string;
  @ApiProperty() @IsString() @Matches(ID, unitId('ownerUnitId')) ownerUnitId!: string;
  @ApiPropertyOptional({ description: 'remediation target; may lie in the future' })
  @IsOptional()
  @IsBusinessDate()
  dueOn?: string | null;
  @ApiPropertyOptional({
    enum: REPORT_CADENCES,
    description: 'reports every 3, 6 or 12 months from the conclusion',
  })
  @IsOptional()
  @IsIn(REPORT_CADENCES)
  reportEvery?: ReportCadence | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'a custom list of report dates (ascending, after the conclusion)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsBusinessDate({ each: true, message: 'reportDates must hold real dates written YYYY-MM-DD' })
  reportDates?: string[] | null;
}

export class ConcludeInspectionDto {
  @ApiProperty({ example: '2026-01-15' }) @IsBusinessDate() concludedOn!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100000) summary!: string;
  @ApiProperty({ type: [RecommendationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RecommendationDto)
  recommendations!: RecommendationDto[];
}

export class IssueDirectiveDto {
  @ApiProperty() @IsBusinessDate() issuedOn!: string;
}

export class SubmitPlanDto {
  @ApiProperty() @IsBusinessDate() submittedOn!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(5000, { each: true })
  actions!: string[];
}

export class ReportProgressDto {
  @ApiProperty() @IsBusinessDate() reportedOn!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) progress!: string;
  @ApiProperty() @IsBoolean() done!: boolean;
}

export class WaiveRecommendationDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class CloseInspectionDto {
  @ApiProperty() @IsBusinessDate() closedOn!: string;
}

/** `GET /inspections/follow-up`: a board (unit, subunits, asOf, recordedBefore, paging). */
export class FollowUpQuery extends BoardQuery {}

export const INSPECTION_STATUSES = ['decided', 'fieldwork', 'concluded', 'closed'] as const;

/** `GET /inspections`: the unit (default: yours) with or without its subunits, a status, paging. */
export class ListInspectionsQuery extends PickType(BoardQuery, [
  'unitId',
  'includeSubunits',
  'page',
  'pageSize',
  'minPosition',
] as const) {
  @ApiPropertyOptional({ enum: INSPECTION_STATUSES })
  @IsOptional()
  @IsIn(INSPECTION_STATUSES as unknown as unknown[])
  status?: (typeof INSPECTION_STATUSES)[number];
}
