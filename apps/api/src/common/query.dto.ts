import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, IsInstant } from './validators.js';

/** Query strings carry booleans as text. */
export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * One decorator for a field several queries share: the decorators given are applied bottom-up, as if
 * they were stacked above the field, so the field validates (in the same order, with the same
 * messages) and is documented exactly as when written out.
 */
function field(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
}

/** `page`: from 1 (docs/reference/api-contract.md §Lists). */
export const PageField = (): PropertyDecorator =>
  field(
    ApiPropertyOptional({ default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(1000000),
  );

/** `pageSize`: at most 200 (docs/reference/api-contract.md §Lists). */
export const PageSizeField = (): PropertyDecorator =>
  field(
    ApiPropertyOptional({ default: 200, maximum: 200 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
  );

/** `unitId` of a board or a report: default the caller's unit. */
export const UnitIdField = (): PropertyDecorator =>
  field(
    ApiPropertyOptional({ description: "default: the caller's unit" }),
    IsOptional(),
    IsString(),
    Matches(UNIT_ID, { message: 'unitId must be a unit id' }),
  );

/** `includeSubunits` (default true), described as the query counts them. */
export const IncludeSubunitsField = (description?: string): PropertyDecorator =>
  field(
    ApiPropertyOptional({
      default: true,
      ...(description === undefined ? {} : { description }),
    }),
    IsOptional(),
    Transform(toBool),
    IsBoolean(),
  );

/** `asOf`: the business date a board or a report is judged on. */
export const AsOfField = (description: string): PropertyDecorator =>
  field(ApiPropertyOptional({ description }), IsOptional(), IsBusinessDate());

/** `recordedBefore`: the instant before which what was recorded counts. */
export const RecordedBeforeField = (description: string): PropertyDecorator =>
  field(ApiPropertyOptional({ description }), IsOptional(), IsInstant());

/** `page` / `pageSize` of a list (docs/reference/api-contract.md §Lists: page from 1, pageSize ≤ 200). */
export class PageQuery {
  @PageField()
  page?: number;
  @PageSizeField()
  pageSize?: number;
}

/** One page of an in-memory list, in the list shape `{items, total, page, pageSize}`. */
export function pageOf<T>(
  all: readonly T[],
  q: PageQuery,
): { items: T[]; total: number; page: number; pageSize: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 200;
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize),
    total: all.length,
    page,
    pageSize,
  };
}

/** A list read from a projection: it may wait for a position the caller just wrote (`minPosition`). */
export class ProjectionListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'wait (≤ 5 s) until every projection has applied this position',
  })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'minPosition must be a position' })
  minPosition?: string;
}

/** A board: a unit (default: yours) with or without its subunits, and the two clocks (docs/reference/api-contract.md, Two clocks on boards). */
export class BoardQuery extends ProjectionListQuery {
  @UnitIdField()
  unitId?: string;
  @IncludeSubunitsField()
  includeSubunits?: boolean;
  @AsOfField('business date; default today in Vietnam')
  asOf?: string;
  @RecordedBeforeField('instant: only events recorded before it count')
  recordedBefore?: string;
}
