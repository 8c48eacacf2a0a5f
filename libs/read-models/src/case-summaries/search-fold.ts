/**
 * Folding for search as Vietnamese users type: without diacritics, in any case, with either tone-mark
 * placement ("Hòa"/"Hoà" — after folding both are "hoa"), đ/Đ as d. The database does the folding
 * (`donthu_fold`, created by the case-search migration) with `translate()`, which depends on no
 * locale and no extension; this module builds its two character lists.
 */

/** Every precomposed Latin letter with marks (Latin-1 to Latin Extended Additional) → its base letter, lower case. */
function foldPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges)
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const special = ch === 'đ' || ch === 'Đ' ? 'd' : undefined;
      const base = special ?? ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (/^[a-z]$/.test(base) && base !== ch) pairs.push([ch, base]);
    }
  return pairs;
}

/** Combining marks (text that arrived decomposed): deleted. */
const COMBINING = Array.from({ length: 0x036f - 0x0300 + 1 }, (_, i) =>
  String.fromCodePoint(0x0300 + i),
).join('');

const PAIRS = foldPairs();
/** `translate(x, FOLD_FROM, FOLD_TO)`: letters with marks → base letters; combining marks (past FOLD_TO's end) → nothing. */
export const FOLD_FROM = PAIRS.map(([f]) => f).join('') + COMBINING;
export const FOLD_TO = PAIRS.map(([, t]) => t).join('');

/**
 * The same translation with the characters in another order, for speed: `translate()` looks every
 * character of the text up in its list from the start, so a character absent from the list (every
 * ASCII one, most of a letter) cost a walk over all ≈ 600 entries — 1 ms for a short letter, the
 * largest cost of writing a case summary. ASCII first, mapped to itself, the most frequent first,
 * then the Vietnamese letters, then the others; the combining marks (deleted) stay last, past
 * FOLD_FAST_TO's end. Every character folds as with FOLD_FROM/FOLD_TO (no character appears twice).
 */
const ASCII_FIRST = ' nhticagoudmvlsrkbqpyexfjwz0123456789.,';
const VIETNAMESE =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const ASCII =
  ASCII_FIRST +
  Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
    // (no quote nor backslash: the lists go into SQL literals; absent, they fold to themselves alike)
    .filter((ch) => !ASCII_FIRST.includes(ch) && ch !== "'" && ch !== '\\')
    .join('');
const ORDERED = [
  ...PAIRS.filter(([f]) => VIETNAMESE.includes(f)),
  ...PAIRS.filter(([f]) => !VIETNAMESE.includes(f)),
];
export const FOLD_FAST_FROM = ASCII + ORDERED.map(([f]) => f).join('') + COMBINING;
export const FOLD_FAST_TO = ASCII + ORDERED.map(([, t]) => t).join('');

/** The same folding in JavaScript (tests and callers that fold outside the database). */
export function foldForSearch(text: string): string {
  let out = '';
  const map = new Map(PAIRS);
  for (const ch of text.toLowerCase()) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x0300 && cp <= 0x036f) continue;
    out += map.get(ch) ?? ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
