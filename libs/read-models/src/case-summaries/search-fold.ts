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
