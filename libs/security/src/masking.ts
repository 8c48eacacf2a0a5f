/**
 * Masked forms of petitioners' identities, for everything but the audited disclosure endpoint
 * (views, lists, boards, history, exports, logs, errors). See docs/security.md §Masking.
 *
 * - A denunciator (tố cáo, Luật Tố cáo Art. 8(3), 47): nothing at all, not even initials — the name
 *   becomes `[bảo mật]` and every other field is dropped.
 * - Anyone else: name → initials ("Nguyễn Văn An" → "N. V. A."); ID number → last 4 digits;
 *   phone → first 3 and last 3 digits; address → only its last comma-separated part (the province).
 */

export const DENUNCIATOR_MASK = '[bảo mật]';

const MASK_CHAR = '*';
const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

const nfc = (s: string): string => s.normalize('NFC');
const firstGrapheme = (word: string): string =>
  segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '';

/** Initials, upper-cased, each followed by a dot: "nguyễn văn  an" → "N. V. A."; blank → "". */
export function maskName(fullName: string): string {
  return nfc(fullName)
    .split(/[\s\u00a0]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((w) => w.length > 0)
    .map((w) => `${firstGrapheme(w).toLocaleUpperCase('vi')}.`)
    .join(' ');
}

/** Keeps the last 4 characters of an ID number (fewer for short ones): '001203004567' → '********4567'. */
export function maskIdNumber(idNumber: string): string {
  const compact = nfc(idNumber).replace(/[\s.-]/g, '');
  const keep = Math.min(4, Math.floor(compact.length / 3));
  return MASK_CHAR.repeat(compact.length - keep) + compact.slice(compact.length - keep);
}

/** Keeps the first 3 and last 3 characters: '0912345678' → '091****678'; short numbers keep less. */
export function maskPhone(phone: string): string {
  const compact = nfc(phone).replace(/[\s.()-]/g, '');
  if (compact.length < 9) {
    const keep = Math.min(2, Math.floor(compact.length / 3));
    return MASK_CHAR.repeat(compact.length - keep) + compact.slice(compact.length - keep);
  }
  return compact.slice(0, 3) + MASK_CHAR.repeat(compact.length - 6) + compact.slice(-3);
}

/**
 * Only the last comma-separated part (the province): "12 Lê Lợi, P. Bến Nghé, TP. Hồ Chí Minh" →
 * "TP. Hồ Chí Minh". An address with a single part could be a street address, so it becomes "***".
 */
export function maskAddress(address: string): string {
  const parts = nfc(address)
    .split(/[,;]/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p.length > 0);
  if (parts.length < 2) return parts.length === 0 ? '' : MASK_CHAR.repeat(3);
  return parts[parts.length - 1];
}

export interface PetitionerIdentity {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface MaskedPetitioner {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface MaskOptions {
  /** True for a denunciator (automatic for denunciations): nothing identifying is shown. */
  confidential: boolean;
}

/** The petitioner as everyone but an authorised disclosure sees them. Absent fields stay absent. */
export function maskPetitioner(p: PetitionerIdentity, { confidential }: MaskOptions): MaskedPetitioner {
  if (confidential) return { fullName: DENUNCIATOR_MASK };
  const masked: MaskedPetitioner = { fullName: maskName(p.fullName) };
  if (p.idNumber !== undefined && p.idNumber !== '') masked.idNumber = maskIdNumber(p.idNumber);
  if (p.phone !== undefined && p.phone !== '') masked.phone = maskPhone(p.phone);
  if (p.address !== undefined && p.address !== '') masked.address = maskAddress(p.address);
  if (p.representative !== undefined) masked.representative = p.representative;
  return masked;
}

export function maskPetitioners(
  list: readonly PetitionerIdentity[],
  options: MaskOptions,
): MaskedPetitioner[] {
  return list.map((p) => maskPetitioner(p, options));
}
