import { PageQuery, ProjectionListQuery, pageOf, toBool } from '../common/query.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsInstant } from '../common/validators.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_MESSAGE = 'must be an id of 1–64 letters, digits, dots, dashes or underscores';

export const CHANNELS = ['in_person', 'post', 'online', 'hotline', 'forwarded', 'reception_session'] as const;
export const FIELDS = [
  'land',
  'compensation',
  'site_clearance',
  'housing',
  'policy',
  'justice',
  'corruption',
  'other',
] as const;
export const KINDS = ['complaint', 'denunciation', 'petition', 'reflection'] as const;
export const ARCHIVE_REASONS = [
  'anonymous',
  'duplicate',
  'not_processable',
  'time_barred',
  'illegible',
  'already_resolved',
] as const;
export const DIALOGUE_OUTCOMES = ['agreed', 'partially_agreed', 'disagreed', 'absent'] as const;
export const RESOLUTION_OUTCOMES = [
  'upheld',
  'partially_upheld',
  'rejected',
  'true',
  'partly_true',
  'untrue',
  'answered',
] as const;
export const STATUSES = [
  'received',
  'classified',
  'accepted',
  'rejected',
  'guided',
  'archived',
  'suspended',
  'resolved',
  'closed',
  'withdrawn',
  'terminated',
] as const;

export class PetitionerDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fullName!: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{6,20}$/, { message: 'idNumber must be 6–20 letters or digits' })
  idNumber?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() representative?: boolean;
}

export class RegisterCaseDto {
  @ApiProperty({ example: '2026-11-20' }) @IsBusinessDate() receivedAt!: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty()
  @IsString()
  @Matches(ID, { message: `receivingUnitId ${ID_MESSAGE}` })
  receivingUnitId!: string;
  @ApiProperty({ type: [PetitionerDto], description: 'at least one, or [] with anonymous: true' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each petitioner must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PetitionerDto)
  petitioners!: PetitionerDto[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) signerCount?: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) subject!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100000) content!: string;
  @ApiPropertyOptional({ enum: FIELDS }) @IsOptional() @IsIn(FIELDS) field?: (typeof FIELDS)[number];
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kindHint?: (typeof KINDS)[number];
  @ApiPropertyOptional({
    description: 'a letter without a name (petitioners: []): classified only as a reflection, or archived',
  })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
  @ApiPropertyOptional({
    description: 'the body that forwarded the letter (deputies, Fatherland Front, press…)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  forwardedBy?: string;
  @ApiPropertyOptional({ description: 'incoming-registry number (số đến)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  registryNo?: string;
}

export class AmendCaseDto {
  @ApiPropertyOptional({ description: 'business date of the correction (default today)' })
  @IsOptional()
  @IsBusinessDate()
  at?: string;
  @ApiProperty({ description: 'why the intake data is corrected' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
  @ApiPropertyOptional({
    type: [PetitionerDto],
    description: 'replaces the whole list: send every petitioner',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each petitioner must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PetitionerDto)
  petitioners?: PetitionerDto[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) signerCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100000) content?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ enum: FIELDS }) @IsOptional() @IsIn(FIELDS) field?: (typeof FIELDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) forwardedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) registryNo?: string;
}

export class ClassifyCaseDto {
  @ApiPropertyOptional({
    description: 'business date of the classification (default today); it bounds nothing',
  })
  @IsOptional()
  @IsBusinessDate()
  at?: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: (typeof KINDS)[number];
  @ApiPropertyOptional({ enum: [1, 2] }) @IsOptional() @IsIn([1, 2]) level?: 1 | 2;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `previousCaseId ${ID_MESSAGE}` })
  previousCaseId?: string;
  @ApiProperty()
  @IsString()
  @Matches(ID, { message: `competentUnitId ${ID_MESSAGE}` })
  competentUnitId!: string;
  @ApiProperty() @IsBoolean() processable!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() multiLocation?: boolean;
  @ApiPropertyOptional({
    description: 'a complaint against a disciplinary decision (LKN ch. III): KN-RES-KL, mandatory dialogue',
  })
  @IsOptional()
  @IsBoolean()
  disciplinary?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ReclassifyCaseDto extends ClassifyCaseDto {
  @ApiProperty({ description: 'business date of the correction (required)' })
  @IsBusinessDate()
  declare at: string;
  @ApiProperty({ description: 'why the classification is corrected' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  correctionReason!: string;
}

export class AcceptCaseDto {
  @ApiProperty() @IsBusinessDate() acceptedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() complex?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() especiallyComplex?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remoteArea?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) decisionNo?: string;
}

export class RejectCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty({ description: 'the legal ground (LKN Art. 11, LTC Art. 25/29)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class GuideCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) agency!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ArchiveCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty({ enum: ARCHIVE_REASONS }) @IsIn(ARCHIVE_REASONS) reason!: (typeof ARCHIVE_REASONS)[number];
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `duplicateOf ${ID_MESSAGE}` })
  duplicateOf?: string;
}

export class TransferCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: `toUnitId ${ID_MESSAGE}` }) toUnitId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AssignHandlerDto {
  @ApiProperty() @IsString() @Matches(ID, { message: `handlerId ${ID_MESSAGE}` }) handlerId!: string;
}

export class ExtendDeadlineDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  days?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) decisionNo?: string;
}

export class SuspendCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ResumeCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
}

export class RecordDialogueDto {
  @ApiProperty() @IsBusinessDate() heldAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsBusinessDate() noticeOn?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  participants!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100000) minutes!: string;
  @ApiProperty({ enum: DIALOGUE_OUTCOMES })
  @IsIn(DIALOGUE_OUTCOMES)
  outcome!: (typeof DIALOGUE_OUTCOMES)[number];
}

export class ResolveCaseDto {
  @ApiProperty() @IsBusinessDate() decidedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) decisionNo?: string;
  @ApiProperty({ enum: RESOLUTION_OUTCOMES })
  @IsIn(RESOLUTION_OUTCOMES)
  outcome!: (typeof RESOLUTION_OUTCOMES)[number];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100000) summary!: string;
  @ApiPropertyOptional({
    description:
      'required for a level-1 complaint: false (the verification result differs from the request) needs a dialogue on or before decidedAt (LKN Art. 30)',
  })
  @IsOptional()
  @IsBoolean()
  verificationAgreesWithRequest?: boolean;
}

export class WithdrawCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class TerminateCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CloseCaseDto {
  @ApiProperty() @IsBusinessDate() at!: string;
}

export { PageQuery, pageOf };

export class ListCasesQuery extends ProjectionListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `unitId ${ID_MESSAGE}` })
  unitId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ default: true, description: 'with unitId: the cases of its sub-units too' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeSubunits?: boolean;
  @ApiPropertyOptional({ description: '`me`: the cases assigned to the caller; or a person id' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: `handlerId ${ID_MESSAGE}` })
  handlerId?: string;
  @ApiPropertyOptional({ description: 'received on or after this business date' })
  @IsOptional()
  @IsBusinessDate()
  receivedFrom?: string;
  @ApiPropertyOptional({ description: 'received on or before this business date' })
  @IsOptional()
  @IsBusinessDate()
  receivedTo?: string;
  @ApiPropertyOptional({ enum: ['receivedAt', 'nextDueOn'], default: 'receivedAt' })
  @IsOptional()
  @IsIn(['receivedAt', 'nextDueOn'])
  sort?: 'receivedAt' | 'nextDueOn';
}

export class CaseViewQuery {
  @ApiPropertyOptional({ description: 'an instant: fold only the events recorded at or before it' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
