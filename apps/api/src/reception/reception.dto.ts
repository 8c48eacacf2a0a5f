import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
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
} from '../../../../libs/domain/src/reception/reception.events.js';
import { IsBusinessDate } from '../common/validators.js';

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
