import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  RECEPTION_KINDS,
  RECEPTION_MODES,
  type ReceptionKind,
  type ReceptionMode,
} from '../../../../libs/domain/src/index.js';
import { IsBusinessDate } from '../common/validators.js';
import { ProjectionListQuery, toBool } from '../common/query.dto.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_MESSAGE = 'must be an id of 1–64 letters, digits, dots, dashes or underscores';

export class ScheduleSessionDto {
  @ApiProperty() @IsString() @Matches(ID, { message: `unitId ${ID_MESSAGE}` }) unitId!: string;
  @ApiProperty({ description: 'the planned host (a person id, as in tokens’ `sub`)' })
  @IsString()
  @Matches(ID, { message: `hostPersonId ${ID_MESSAGE}` })
  hostPersonId!: string;
  @ApiProperty({ example: '2026-12-15', description: 'a schedule: may lie in the future' })
  @IsBusinessDate()
  date!: string;
  @ApiProperty({ enum: RECEPTION_KINDS }) @IsIn(RECEPTION_KINDS as unknown[]) kind!: ReceptionKind;
  @ApiProperty({ enum: RECEPTION_MODES }) @IsIn(RECEPTION_MODES as unknown[]) mode!: ReceptionMode;
}

export class HoldSessionDto {
  @ApiProperty({ description: 'not after today' }) @IsBusinessDate() heldOn!: string;
  @ApiProperty({
    description:
      'who actually received citizens; only the unit’s head in office on heldOn counts toward the head’s duty',
  })
  @IsString()
  @Matches(ID, { message: `hostPersonId ${ID_MESSAGE}` })
  hostPersonId!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) citizensReceived!: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { each: true, message: 'caseIds must be case ids' })
  caseIds?: string[];
}

export class CancelSessionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/** docs/reference/api-contract.md `POST /reception-sessions/:id/correct`: an audited correction of a hold; omitted fields keep their value. */
export class CorrectSessionDto {
  @ApiProperty({
    example: '2026-12-06',
    description: 'the business date of the correction (not after today)',
  })
  @IsBusinessDate()
  at!: string;
  @ApiProperty({ description: 'why the hold is corrected (kept in the history)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
  @ApiPropertyOptional({ description: 'the day it was really held (not after today)' })
  @IsOptional()
  @IsBusinessDate()
  heldOn?: string;
  @ApiPropertyOptional({ description: 'who really received citizens' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `hostPersonId ${ID_MESSAGE}` })
  hostPersonId?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) citizensReceived?: number;
  @ApiPropertyOptional({ description: 'true: the session did not take place (the hold is voided)' })
  @IsOptional()
  @IsBoolean()
  void?: boolean;
}

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled', 'voided'] as const;

/** docs/reference/api-contract.md `GET /reception-sessions` (the schedule). */
export class ListSessionsQuery extends ProjectionListQuery {
  @ApiPropertyOptional({ description: "default: the caller's unit" })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'unitId must be a unit id' })
  unitId?: string;
  @ApiPropertyOptional({ default: true, description: 'with the sessions of the units below it' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeSubunits?: boolean;
  @ApiPropertyOptional({ description: 'sessions dated on or after this day' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
  @ApiPropertyOptional({ description: 'sessions dated on or before this day' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
  @ApiPropertyOptional({ description: 'the planned or actual host' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `hostPersonId ${ID_MESSAGE}` })
  hostPersonId?: string;
  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional()
  @IsIn(SESSION_STATUSES as unknown as unknown[])
  status?: (typeof SESSION_STATUSES)[number];
}
