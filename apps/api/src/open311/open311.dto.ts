import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FIELD_VALUES, SUBJECT_MAX } from '../../../../libs/application/src/index.js';
import { IsInstant } from '../common/validators.js';

const FIELD_KEYS = FIELD_VALUES.map((v) => v.key);
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The key and the jurisdiction, as every Open311 resource takes them. */
export class Open311ServicesQuery {
  @ApiPropertyOptional({ description: 'a unit id; the services are the same for every unit' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'jurisdiction_id must be a unit id' })
  jurisdiction_id?: string;
  @ApiPropertyOptional({ description: 'not needed to read the services (ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
}

export class Open311KeyQuery {
  @ApiProperty({ description: 'the key issued to your system for one unit (`donthu apikeys create`)' })
  @IsString()
  @MaxLength(200)
  api_key!: string;
  @ApiPropertyOptional({ description: 'the unit id the key was issued for (optional; must match)' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'jurisdiction_id must be a unit id' })
  jurisdiction_id?: string;
}

export class Open311ListQuery extends Open311KeyQuery {
  @ApiPropertyOptional({ description: 'tracking codes, comma-separated (then the dates are ignored)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}(,[A-Za-z0-9-]{1,40}){0,199}$/, {
    message: 'service_request_id must be tracking codes separated by commas',
  })
  service_request_id?: string;
  @ApiPropertyOptional({ description: 'one service code' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'service_code must be a service code' })
  service_code?: string;
  @ApiPropertyOptional({
    description: 'ISO 8601 with a zone: requests filed at or after it (default: 90 days before end_date)',
  })
  @IsOptional()
  @IsInstant()
  start_date?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 with a zone: requests filed at or before it (default: now)' })
  @IsOptional()
  @IsInstant()
  end_date?: string;
  @ApiPropertyOptional({ description: '`open`, `closed`, or both comma-separated' })
  @IsOptional()
  @IsString()
  @Matches(/^(open|closed)(,(open|closed))?$/, { message: 'status must be open, closed or open,closed' })
  status?: string;
}

/** `attribute` as a JSON object (form posts send `attribute[subject]`, `attribute[field]` instead). */
export class Open311AttributesDto {
  @ApiPropertyOptional({ description: `the subject (trích yếu), at most ${SUBJECT_MAX} characters` })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SUBJECT_MAX)
  subject?: string;
  @ApiPropertyOptional({ enum: FIELD_KEYS, description: 'the field (lĩnh vực)' })
  @IsOptional()
  @IsIn(FIELD_KEYS)
  field?: (typeof FIELD_KEYS)[number];
}

/**
 * POST Service Request (GeoReport v2) as donthu reads it. Kept: the description, the name (last name
 * then first name, the Vietnamese order) and phone of the sender, the place and the media link;
 * `email`, `device_id`, `account_id` and `address_id` are accepted and not kept.
 */
export class Open311RequestDto {
  @ApiPropertyOptional({ description: 'the key issued to your system for one unit (here, or in the query)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;
  @ApiPropertyOptional({ description: 'the unit id the key was issued for (optional; must match)' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'jurisdiction_id must be a unit id' })
  jurisdiction_id?: string;
  @ApiProperty({ example: 'phan-anh', description: '`kien-nghi` (petition) or `phan-anh` (reflection)' })
  @IsString()
  @Matches(CODE, { message: 'service_code must be a service code' })
  service_code!: string;
  @ApiProperty({ description: 'the letter: what the citizen asks or reports' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(90_000)
  description!: string;
  @ApiPropertyOptional({ description: 'given name (tên)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  first_name?: string;
  @ApiPropertyOptional({ description: 'family name (họ, tên đệm)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  last_name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional({ description: 'accepted, not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
  @ApiPropertyOptional({ description: 'accepted, not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  device_id?: string;
  @ApiPropertyOptional({ description: 'accepted, not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  account_id?: string;
  @ApiPropertyOptional({ description: 'the place the letter is about (kept in the letter)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address_string?: string;
  @ApiPropertyOptional({ description: 'accepted, not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address_id?: string;
  @ApiPropertyOptional({ description: 'WGS84 latitude (kept in the letter)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;
  @ApiPropertyOptional({ description: 'WGS84 longitude (kept in the letter)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  long?: number;
  @ApiPropertyOptional({ description: 'a link to a photo (kept in the letter)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/\S+$/, { message: 'media_url must be an http(s) URL' })
  media_url?: string;
  @ApiPropertyOptional({
    type: Open311AttributesDto,
    description: 'JSON bodies: the attributes as an object',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => Open311AttributesDto)
  attribute?: Open311AttributesDto;
  @ApiPropertyOptional({ name: 'attribute[subject]', description: 'form posts: the subject attribute' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SUBJECT_MAX)
  'attribute[subject]'?: string;
  @ApiPropertyOptional({
    name: 'attribute[field]',
    enum: FIELD_KEYS,
    description: 'form posts: the field attribute',
  })
  @IsOptional()
  @IsIn(FIELD_KEYS)
  'attribute[field]'?: (typeof FIELD_KEYS)[number];
}
