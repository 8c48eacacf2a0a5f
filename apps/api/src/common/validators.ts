import { registerDecorator, type ValidationOptions } from 'class-validator';
import { businessDateProblem, isIsoDate, vietnamDateOf } from '../../../../libs/domain/src/index.js';

/**
 * A business date (docs/reference/api-contract.md, Conventions): a real calendar date written YYYY-MM-DD (2026-02-30
 * fails) from 1990-01-01 to five years after today (Vietnam). The deciders check the same range
 * against the decision's own "today"; this check keeps such input from ever reaching them.
 */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const field = String(propertyName);
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName: field,
      options: {
        message: (args) =>
          businessDateProblem(args.value, field, vietnamDateOf(new Date())) ??
          `${field} must be a real date written YYYY-MM-DD from 1990-01-01`,
        ...options,
      },
      validator: {
        validate: (v: unknown) =>
          isIsoDate(v) && businessDateProblem(v, field, vietnamDateOf(new Date())) === null,
      },
    });
  };
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with a zone (Z or ±hh:mm, at most ±14:00) whose date part is a real date, and
 * whose UTC date lies from 1990-01-01 to five years after today, like a business date (a year 0000 or
 * an offset PostgreSQL cannot read used to reach the database and answer 500).
 */
export function isInstant(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = INSTANT.exec(v);
  if (!m || !isIsoDate(m[1])) return false;
  const [hh, mi, ss, oh, om] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (hh > 23 || mi > 59 || ss > 59 || oh > 14 || om > 59 || (oh === 14 && om > 0)) return false;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return false;
  return (
    businessDateProblem(new Date(ms).toISOString().slice(0, 10), 'instant', vietnamDateOf(new Date())) ===
    null
  );
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an ISO 8601 instant with a time zone`,
        ...options,
      },
      validator: { validate: (v: unknown) => isInstant(v) },
    });
}
