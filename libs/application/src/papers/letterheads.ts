import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Letterhead } from './papers.js';

/**
 * The units' letterheads, from LETTERHEADS_FILE (default `data/letterheads.json` when present): a JSON
 * object by unit id, each with any of `governingBody`, `name`, `place`, `signerTitle`, `numberSymbol`.
 * Read at each production, so an agency can correct a letterhead without a restart. What a unit does
 * not set comes from the organisation: its name, its parent's name above it.
 */
export function loadLetterheadOverrides(file: string | undefined): Record<string, Partial<Letterhead>> {
  const path = file ?? resolve('data/letterheads.json');
  if (!existsSync(path)) {
    if (file) throw new Error(`LETTERHEADS_FILE ${file} does not exist`);
    return {};
  }
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${path}: expected an object of letterheads by unit id`);
  const out: Record<string, Partial<Letterhead>> = {};
  for (const [unitId, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') throw new Error(`${path}: ${unitId} is not an object`);
    const entry: Partial<Letterhead> = {};
    for (const key of ['governingBody', 'name', 'place', 'signerTitle', 'numberSymbol'] as const) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new Error(`${path}: ${unitId}.${key} must be text`);
      entry[key] = v.normalize('NFC');
    }
    out[unitId] = entry;
  }
  return out;
}

export function letterheadOf(
  unitName: string,
  parentName: string | null,
  override: Partial<Letterhead> | undefined,
): Letterhead {
  return {
    governingBody: override?.governingBody ?? (parentName ? parentName.toUpperCase() : ''),
    name: override?.name ?? unitName.toUpperCase(),
    place: override?.place ?? '',
    signerTitle: override?.signerTitle ?? 'THỦ TRƯỞNG CƠ QUAN',
    numberSymbol: override?.numberSymbol ?? '',
  };
}
