import type { Problem } from '../../../../libs/application/src/index.js';
import { MESSAGES_VI, TERMS_VI } from './problem-messages.vi.js';

/**
 * docs/reference/api-contract.md "Language": problem `title`, `detail` and validation messages are Vietnamese unless
 * `Accept-Language` prefers English; `code` (and every field path, rule id and identifier) is the
 * same in both. Messages are written in English where they are raised; this is the one place that
 * turns them into Vietnamese (docs/api-language.md): first by the rules below (class-validator's
 * messages and a few shared shapes), then by the catalogue of raised templates in
 * problem-messages.vi.ts. problem-messages.spec.ts fails when a message raised in the source has
 * neither, so every message a user receives is Vietnamese.
 */
export type ProblemLanguage = 'vi' | 'en';

/** The language the caller prefers: English only when an `en` tag ranks above every `vi` tag. */
export function problemLanguage(acceptLanguage: string | string[] | undefined): ProblemLanguage {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: string; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (!tag) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang = tag.split('-')[0];
    if ((lang === 'en' || lang === 'vi') && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang === 'en' ? 'en' : 'vi';
}

const TITLE_VI: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu không hợp lệ',
  UNAUTHENTICATED: 'Chưa đăng nhập',
  FORBIDDEN: 'Không có quyền',
  NOT_FOUND: 'Không tìm thấy',
  ILLEGAL_TRANSITION: 'Không thực hiện được ở trạng thái này',
  VERSION_CONFLICT: 'Hồ sơ đã được người khác cập nhật',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn',
  UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu không được hỗ trợ',
  IDEMPOTENCY_KEY_REUSED: 'Khóa chống gửi trùng đã dùng cho yêu cầu khác',
  CALENDAR_UNAVAILABLE: 'Chưa có lịch nghỉ lễ của năm này',
  RATE_LIMITED: 'Quá nhiều yêu cầu',
  UNAVAILABLE: 'Hệ thống tạm thời không phục vụ được',
  INTERNAL: 'Lỗi hệ thống',
};

const term = (s: string) => TERMS_VI[s] ?? s;
const status = (s: string) => `“${term(s)}”`;
const vnDate = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

/** English message → Vietnamese, the first rule that matches. Identifiers pass through unchanged. */
const RULES: [RegExp, (...m: string[]) => string][] = [
  [/^property (\S+) should not exist$/, (_, f) => `trường ${f} không được phép`],
  [/^(\S+) is required$/, (_, f) => `${f}: bắt buộc phải có`],
  [/^required \(you have no unit\)$/, () => 'bắt buộc (tài khoản không thuộc đơn vị nào)'],
  [/^(\S+) should not be empty$/, (_, f) => `${f} không được để trống`],
  [/^each value in (\S+) (.+)$/, (_, f, rest) => `mỗi phần tử của ${messageVi(`${f} ${rest}`)}`],
  [
    /^nested property (\S+) must be either object or array$/,
    (_, f) => `${f} phải là một đối tượng hoặc danh sách`,
  ],
  [/^(\S+) must be an object$/, (_, f) => `${f} phải là một đối tượng`],
  [/^(\S+) must be a number conforming to the specified constraints$/, (_, f) => `${f} phải là một số`],
  [/^(\S+) must match .+ regular expression$/, (_, f) => `${f} không đúng định dạng`],
  [/^an unknown value was passed to the validate function$/, () => 'dữ liệu không hợp lệ'],
  [
    /^(\S+) must be one of the following values: (.+)$/,
    (_, f, v) => `${f} phải là một trong các giá trị: ${v}`,
  ],
  [/^(\S+) must be a boolean value$/, (_, f) => `${f} phải là true hoặc false`],
  [/^(\S+) must be a string$/, (_, f) => `${f} phải là chuỗi ký tự`],
  [/^(\S+) must be an integer number$/, (_, f) => `${f} phải là số nguyên`],
  [/^(\S+) must be an array$/, (_, f) => `${f} phải là danh sách`],
  [/^(\S+) must not be greater than (\S+)$/, (_, f, n) => `${f} không được lớn hơn ${n}`],
  [/^(\S+) must not be less than (\S+)$/, (_, f, n) => `${f} không được nhỏ hơn ${n}`],
  [
    /^(\S+) must be shorter than or equal to (\d+) characters$/,
    (_, f, n) => `${f} không được dài quá ${n} ký tự`,
  ],
  [/^(\S+) must contain at least (\d+) elements$/, (_, f, n) => `${f} phải có ít nhất ${n} phần tử`],
  [/^(\S+) must contain no more than (\d+) elements$/, (_, f, n) => `${f} không được quá ${n} phần tử`],
  [/^(\S+) must be a date \(YYYY-MM-DD\)$/, (_, f) => `${f} phải là một ngày (YYYY-MM-DD)`],
  [
    /^(\S+) must be a real date written YYYY-MM-DD.*$/,
    (_, f) => `${f} phải là một ngày có thật, viết YYYY-MM-DD`,
  ],
  [
    /^(\S+) (\d{4}-\d{2}-\d{2}) is before (\d{4}-\d{2}-\d{2})$/,
    (_, f, d, e) => `${f}: ngày ${vnDate(d)} trước ${vnDate(e)}`,
  ],
  [
    /^(\S+) (\d{4}-\d{2}-\d{2}) is more than five years ahead.*$/,
    (_, f, d) => `${f}: ngày ${vnDate(d)} quá 5 năm kể từ hôm nay`,
  ],
  [
    /^(\S+) must be an ISO 8601 instant with a time zone$/,
    (_, f) => `${f} phải là thời điểm theo ISO 8601 có múi giờ`,
  ],
  [
    /^(\S+) (\d{4}-\d{2}-\d{2}) is after today \((\S+)\)$/,
    (_, f, d, t) => `${f}: ngày ${vnDate(d)} sau ngày hôm nay (${vnDate(t)})`,
  ],
  [
    /^(\S+) (\d{4}-\d{2}-\d{2}) is before the receipt \((\S+)\)$/,
    (_, f, d, r) => `${f}: ngày ${vnDate(d)} trước ngày nhận đơn (${vnDate(r)})`,
  ],
  [
    /^(\S+) (\d{4}-\d{2}-\d{2}) is before the (.+) \((\S+)\)$/,
    (_, f, d, w, r) => `${f}: ngày ${vnDate(d)} trước ngày ${term(w)} (${vnDate(r)})`,
  ],
  [/^(\S+) must be 6–20 letters or digits$/, (_, f) => `${f} phải gồm 6–20 chữ số hoặc chữ cái`],
  [
    /^idNumber must be 6–20 letters or digits$/,
    () => 'số giấy tờ tùy thân phải gồm 6–20 chữ số hoặc chữ cái',
  ],
  [/^phone must be a phone number$/, () => 'số điện thoại không hợp lệ'],
  [
    /^(\S+) must be an id of .*$/,
    (_, f) => `${f} phải là mã gồm 1–64 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới`,
  ],
  [/^no such unit$/, () => 'không có đơn vị này'],
  [/^no such case$/, () => 'không có hồ sơ này'],
  [/^(\S+): no such unit$/, (_, f) => `${f}: không có đơn vị này`],
  [/^(\S+): no such case$/, (_, f) => `${f}: không có hồ sơ này`],
  [/^no case (\S+)$/, (_, id) => `không có hồ sơ ${id}`],
  [/^no unit (\S+)$/, (_, id) => `không có đơn vị ${id}`],
  [/^no reception session (\S+)$/, (_, id) => `không có buổi tiếp công dân ${id}`],
  [/^no inspection (\S+)$/, (_, id) => `không có cuộc thanh tra, kiểm tra ${id}`],
  [/^no such (resource|person|stream)$/, () => 'không tìm thấy'],
  [/^case not found$/, () => 'không có hồ sơ này'],
  [/^case is closed: (\S+) is not allowed$/, () => 'hồ sơ đã kết thúc: không thực hiện được thao tác này'],
  [
    /^case is (\w+): it has not been classified$/,
    (_, s) => `hồ sơ đang ở trạng thái ${status(s)}: chưa được phân loại`,
  ],
  [
    /^case is (\w+)(?:: (.*))?$/,
    (_, s, rest) =>
      `hồ sơ đang ở trạng thái ${status(s)}${rest ? ` (${messageVi(rest)})` : ''}: không thực hiện được thao tác này`,
  ],
  [/^cannot move a case that is (\w+)$/, (_, s) => `không chuyển được hồ sơ đang ở trạng thái ${status(s)}`],
  [/^the case is already at that unit$/, () => 'hồ sơ đã ở đơn vị này'],
  [/^the case was classified as not processable$/, () => 'đơn đã được phân loại là không đủ điều kiện xử lý'],
  [/^the notice cannot be dated after the dialogue$/, () => 'ngày thông báo không được sau ngày đối thoại'],
  [/^level applies to complaints only$/, () => 'lần giải quyết chỉ áp dụng cho đơn khiếu nại'],
  [/^signerCount must be a positive integer$/, () => 'số người ký phải là số nguyên dương'],
  [/^unit (\S+) exists from (\S+)$/, (_, u, d) => `đơn vị ${u} chỉ tồn tại từ ngày ${vnDate(d)}`],
  [
    /^unit (\S+) ceased on (\S+)(?: \(merged into (\S+)\))?$/,
    (_, u, d, into) =>
      `đơn vị ${u} đã chấm dứt hoạt động từ ngày ${vnDate(d)}${into ? ` (hợp nhất vào ${into})` : ''}`,
  ],
  [
    /^unit (\S+) is already to merge into (\S+) on (\S+)$/,
    (_, u, into, d) => `đơn vị ${u} đã có lịch hợp nhất vào ${into} từ ngày ${vnDate(d)}`,
  ],
  [/^unit (\S+) has no scheduled merger$/, (_, u) => `đơn vị ${u} không có lịch hợp nhất nào`],
  [/^unit (\S+) has itself ceased$/, (_, u) => `đơn vị ${u} đã chấm dứt hoạt động`],
  [
    /^effectiveOn must be after (\S+) \(the day the unit exists from\)$/,
    (_, d) => `effectiveOn phải sau ngày ${vnDate(d)} (ngày đơn vị bắt đầu tồn tại)`,
  ],
  [
    /^effectiveOn must be after (\S+) \(the start of the latest head term\)$/,
    (_, d) => `effectiveOn phải sau ngày ${vnDate(d)} (ngày bắt đầu nhiệm kỳ thủ trưởng gần nhất)`,
  ],
  [
    /^the merger must take effect before (\S+) ceases \((\S+)\)$/,
    (_, u, d) => `việc hợp nhất phải có hiệu lực trước ngày đơn vị ${u} chấm dứt (${vnDate(d)})`,
  ],
  [
    /^the merger takes effect before (\S+) exists \((\S+)\)$/,
    (_, u, d) => `việc hợp nhất có hiệu lực trước ngày đơn vị ${u} bắt đầu tồn tại (${vnDate(d)})`,
  ],
  [
    /^a unit cannot begin before its parent \((\S+)\)$/,
    (_, d) => `đơn vị không thể bắt đầu trước đơn vị cấp trên (${vnDate(d)})`,
  ],
  [
    /^the unit exists from (\S+); a head cannot begin before it$/,
    (_, d) => `đơn vị tồn tại từ ngày ${vnDate(d)}; thủ trưởng không thể bắt đầu trước ngày đó`,
  ],
  [
    /^the unit ceases on (\S+); a head cannot begin on or after it$/,
    (_, d) => `đơn vị chấm dứt từ ngày ${vnDate(d)}; thủ trưởng không thể bắt đầu từ ngày đó trở đi`,
  ],
  [
    /^from (\S+) is before today \((\S+)\): a delegation cannot be back-dated$/,
    (_, d, t) => `from: ngày ${vnDate(d)} trước hôm nay (${vnDate(t)}): không được ủy quyền lùi ngày`,
  ],
  [/^a head cannot be their own delegate$/, () => 'thủ trưởng không thể tự ủy quyền cho chính mình'],
  [
    /^(\S+) is not the head of (\S+) then$/,
    (_, p, u) => `${p} không phải thủ trưởng của ${u} vào thời gian đó`,
  ],
  [/^no delegation of (\S+) to (\S+)$/, (_, h, d) => `không có ủy quyền của ${h} cho ${d}`],
  [
    /^only that head or an admin may name or end the head's delegates$/,
    () => 'chỉ thủ trưởng đó hoặc quản trị viên được ủy quyền hoặc chấm dứt ủy quyền',
  ],
  [/^the correction changes nothing$/, () => 'nội dung đính chính không thay đổi gì'],
  [
    /^session (\S+) is (\w+), not held$/,
    (_, id, st) =>
      `buổi tiếp công dân ${id} đang ở trạng thái ${status(st)}, chưa được ghi nhận là đã tổ chức`,
  ],
  [/^to must not be before from$/, () => 'to không được trước from'],
  [/^a valid bearer token is required$/, () => 'cần đăng nhập: thiếu mã xác thực hoặc mã đã hết hạn'],
  [/^requires (\S+)$/, (_, p) => `vai trò của bạn không được thực hiện việc này (${p})`],
  [/^not allowed for your role$/, () => 'vai trò của bạn không được thực hiện việc này'],
  [
    /^you may register cases only for your unit and the units below it$/,
    () => 'chỉ được tiếp nhận đơn cho đơn vị mình và các đơn vị trực thuộc',
  ],
  [
    /^you may schedule sessions only for your unit and the units below it$/,
    () => 'chỉ được lên lịch tiếp công dân cho đơn vị mình và các đơn vị trực thuộc',
  ],
  [
    /^the case changed since you read it; reload and retry$/,
    () => 'hồ sơ đã thay đổi từ lúc bạn mở; hãy tải lại rồi thực hiện lại',
  ],
  [
    /^If-Match "(\S+)" is stale: the current version is (\d+)$/,
    (_, v, c) => `phiên bản ${v} đã cũ, phiên bản hiện tại là ${c}: hãy tải lại hồ sơ rồi thực hiện lại`,
  ],
  [
    /^the stream changed while this command ran; reload and retry$/,
    () => 'dữ liệu vừa thay đổi trong khi xử lý; hãy tải lại rồi thực hiện lại',
  ],
  [/^this change was already recorded$/, () => 'thay đổi này đã được ghi nhận'],
  [/^If-Match must be a case version such as "3"$/, () => 'If-Match phải là phiên bản hồ sơ, ví dụ "3"'],
  [/^from must not be after to$/, () => 'ngày bắt đầu (from) không được sau ngày kết thúc (to)'],
  [/^must not be before from$/, () => 'không được trước ngày bắt đầu (from)'],
  [/^the period may span at most (\d+) days$/, (_, n) => `khoảng thời gian tối đa ${n} ngày`],
  [/^period too long$/, () => 'khoảng thời gian quá dài'],
  [/^malformed JSON$/, () => 'JSON không hợp lệ'],
  [/^the body must be a JSON object$/, () => 'nội dung gửi lên phải là một đối tượng JSON'],
  [/^must be an object$/, () => 'phải là một đối tượng'],
  [/^send the body as application\/json$/, () => 'hãy gửi dữ liệu dạng application/json'],
  [/^the body must be UTF-8$/, () => 'dữ liệu phải mã hóa UTF-8'],
  [/^the body exceeds (\S+)$/, (_, n) => `dữ liệu vượt quá ${n}`],
  [/^the request could not be read$/, () => 'không đọc được yêu cầu'],
  [/^invalid input$/, () => 'dữ liệu không hợp lệ'],
  [
    /^invalid characters or keys in the (body|query)$/,
    (_, w) => `ký tự hoặc trường không hợp lệ trong ${w === 'body' ? 'dữ liệu gửi lên' : 'tham số truy vấn'}`,
  ],
  [/^invalid characters in the path$/, () => 'ký tự không hợp lệ trong đường dẫn'],
  [/^must not contain U\+0000$/, () => 'không được chứa ký tự U+0000'],
  [/^must not contain lone surrogates$/, () => 'không được chứa ký tự Unicode lỗi'],
  [/^is not allowed$/, () => 'không được phép'],
  [/^an unexpected error occurred; it has been logged$/, () => 'lỗi không mong muốn; sự cố đã được ghi lại'],
  [/^too many requests.*$/i, () => 'quá nhiều yêu cầu; hãy thử lại sau ít phút'],
  // POST /admin/import (docs/import.md)
  [
    /^(\d+) problem\(s\) in the import file, nothing was written$/,
    (_, n) => `tệp nhập có ${n} lỗi, chưa ghi dữ liệu nào`,
  ],
  [/^required$/, () => 'bắt buộc phải có'],
  [/^unknown column$/, () => 'cột không có trong mẫu nhập'],
  [/^column missing$/, () => 'thiếu cột này'],
  [/^column (\S+) appears twice$/, (_, c) => `cột ${c} xuất hiện hai lần`],
  [/^not used by the act (\S+)$/, (_, a) => `thao tác ${a} không dùng cột này`],
  [/^must be one of (.+)$/, (_, v) => `phải là một trong các giá trị: ${v}`],
  [/^must be true or false.*$/, () => 'phải là true hoặc false (1/0, có/không)'],
  [/^must be a whole number from (\d+) to (\d+)$/, (_, a, b) => `phải là số nguyên từ ${a} đến ${b}`],
  [
    /^must be a real date \(YYYY-MM-DD or DD\/MM\/YYYY\)$/,
    () => 'phải là một ngày có thật (YYYY-MM-DD hoặc DD/MM/YYYY)',
  ],
  [/^at most (\d+) characters$/, (_, n) => `không được dài quá ${n} ký tự`],
  [
    /^must be before (\S+) \(IMPORT_CUTOVER.*\)$/,
    (_, d) =>
      `phải trước ngày ${vnDate(d)} (IMPORT_CUTOVER: từ ngày đó các thao tác được ghi trực tiếp trên donthu)`,
  ],
  [/^no such unit: (\S+)$/, (_, u) => `không có đơn vị ${u}`],
  [/^the law does not allow it: (.*)$/, (_, m) => `pháp luật không cho phép: ${messageVi(m)}`],
  [
    /^(\S+) was imported already \(import (\S+)\).*$/,
    (_, id, imp) => `${id} đã được nhập trước đó (lần nhập ${imp}); chỉ nhập được hồ sơ mới`,
  ],
  [/^(\S+) is registered twice \(row (\d+)\)$/, (_, id, r) => `${id} được tiếp nhận hai lần (dòng ${r})`],
  [
    /^(\S+) must start with a register row$/,
    (_, id) => `${id} phải bắt đầu bằng một dòng register (tiếp nhận)`,
  ],
  [/^letters, digits and \. _ \/ : - only$/, () => 'chỉ gồm chữ cái, chữ số và . _ / : -'],
  [
    /^an import only creates new cases: no row may name a case$/,
    () => 'chỉ nhập được hồ sơ mới: không dòng nào được ghi mã hồ sơ đã có',
  ],
  [/^the file has no rows$/, () => 'tệp không có dòng dữ liệu nào'],
  [/^the file has no header row$/, () => 'tệp không có dòng tiêu đề'],
  [/^the file is not UTF-8 text$/, () => 'tệp không phải văn bản UTF-8'],
  [/^the file is not an XLSX workbook$/, () => 'tệp không phải bảng tính XLSX'],
  [/^every petitioner needs a name$/, () => 'mỗi người gửi đơn phải có họ tên'],
  [/^a petitioner field is too long$/, () => 'thông tin người gửi đơn quá dài'],
  [
    /^reason is required \(at most 500 characters\)$/,
    () => 'reason: bắt buộc phải có lý do (tối đa 500 ký tự)',
  ],
  [/^send the file as text\/csv or XLSX$/, () => 'gửi tệp dưới dạng text/csv hoặc XLSX'],
];

/** A catalogue entry as a pattern: the English template with each `{}` matching one value. */
interface CatalogueEntry {
  pattern: RegExp;
  vi: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The catalogue, most literal text first, so a longer template wins over a shorter one it contains. A
 * value never spans `; ` nor `: ` (the separators of a validation detail's parts and their paths).
 */
const CATALOGUE: CatalogueEntry[] = Object.entries(MESSAGES_VI)
  .map(([en, vi]) => ({
    literal: en.replaceAll('{}', '').length,
    pattern: new RegExp(`^${en.split('{}').map(escapeRegExp).join('((?:(?!; |: ).)+?)')}$`, 's'),
    vi,
  }))
  .sort((a, b) => b.literal - a.literal)
  .map(({ pattern, vi }) => ({ pattern, vi }));

/** One value of a template in Vietnamese: `term` and `state` name words, `msg` translates a message. */
function formatValue(value: string, how: string | undefined): string {
  if (how === 'msg') return messageVi(value);
  if (how === 'term' || how === 'state') {
    const words = value.split(', ').map(term).join(', ');
    return how === 'state' ? `“${words}”` : words;
  }
  return vnDate(value);
}

/** The Vietnamese of a raised message by the catalogue, or null when no template matches it. */
export function catalogueVi(message: string): string | null {
  for (const { pattern, vi } of CATALOGUE) {
    const m = pattern.exec(message);
    if (m)
      return vi.replace(/\{(\d+)(?::(\w+))?\}/g, (whole, i: string, how: string | undefined) => {
        const value = m[Number(i) + 1];
        return value === undefined ? whole : formatValue(value, how);
      });
  }
  return null;
}

/** One message in Vietnamese (or as it was, when neither a rule nor the catalogue knows it). */
export function messageVi(message: string): string {
  for (const [re, to] of RULES) {
    const m = re.exec(message);
    if (m) return to(...m);
  }
  return catalogueVi(message) ?? message;
}

/** A detail made of `path: message` parts joined by `; ` (validation) is translated part by part. */
export function detailVi(detail: string): string {
  const whole = messageVi(detail);
  if (whole !== detail) return whole;
  return detail
    .split('; ')
    .map((part) => {
      const whole = messageVi(part);
      if (whole !== part) return whole;
      const i = part.indexOf(': ');
      if (i <= 0) return part;
      const path = part.slice(0, i);
      const message = messageVi(part.slice(i + 2));
      return message.startsWith(path) ? message : `${path}: ${message}`;
    })
    .join('; ');
}

/** The problem in the caller's language; `code`, `status`, `type` and paths never change. */
export function localizeProblem(p: Problem, lang: ProblemLanguage): Problem {
  if (lang === 'en') return p;
  return {
    ...p,
    title: TITLE_VI[p.code] ?? p.title,
    detail: detailVi(p.detail),
    ...(p.errors ? { errors: p.errors.map((e) => ({ path: e.path, message: messageVi(e.message) })) } : {}),
  };
}
