/**
 * The fields a refusal of the API names (`errors[].path`, e.g. `petitioners[0].idNumber`), as form
 * field names and messages the official reads under the field itself.
 */
export interface FieldProblem {
  /** The API's path, as sent. */
  path: string;
  /** The path as a form field name: `petitioners[0].idNumber` → ['petitioners', 0, 'idNumber']. */
  name: (string | number)[];
  /** The message without the leading path (the field's own label already names it). */
  message: string;
}

/** `message` without a leading `path` (followed by a colon or a space), its first letter upper-case. */
export function withoutPath(path: string, message: string): string {
  let m = message.trim();
  while (m.startsWith(path)) m = m.slice(path.length).replace(/^\s*:?\s*/, '');
  return m ? m.charAt(0).toLocaleUpperCase('vi') + m.slice(1) : message;
}

/**
 * The API's `detail` as the sentence an alert shows: its first letter upper-case ("không có hồ sơ X" →
 * "Không có hồ sơ X"), unless it begins with an identifier (a field path such as `receivedAt:` or
 * `from:`, a rule id such as `KN-DLG:`), which keeps its spelling.
 */
export function asSentence(detail: string): string {
  const first = /^\S+/.exec(detail)?.[0] ?? '';
  if (first.endsWith(':') || !/^\p{Ll}+[,.]?$/u.test(first)) return detail;
  return detail.charAt(0).toLocaleUpperCase('vi') + detail.slice(1);
}

export function fieldProblems(
  errors: readonly { path: string; message: string }[] | undefined,
): FieldProblem[] {
  return (errors ?? []).map((e) => ({
    path: e.path,
    name: e.path
      .split(/[.[\]]/)
      .filter(Boolean)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
    message: withoutPath(e.path, e.message),
  }));
}
