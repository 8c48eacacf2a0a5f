/**
 * The Vietnamese name of every code of the API (docs/reference/api-contract.md fixes the codes), once:
 * the console shows them, the case-list CSV and the statistics exports print them, the papers put them
 * on paper and the Open311 catalogue publishes them. The wording follows the law where the law names
 * the thing (legal-reference.md) and otherwise what the console has always shown.
 *
 * This file imports only types (the codes, from the domain that defines them): the browser bundle of
 * the console takes it as it is, with nothing of the server inside (eslint.config.js fences it). Each map is checked for completeness against the codes it names (`satisfies`) and
 * typed by string so that a code the reader does not know can be looked up (and shown as it is).
 */

import type {
  ArchiveReason as ArchiveReasonCode,
  CaseChannel as ChannelCode,
  CaseField as FieldCode,
  CaseKind as CaseKindCode,
  CaseStatus as CaseStatusCode,
  DialogueOutcome as DialogueOutcomeCode,
  DeadlineStatus as DeadlineStatusCode,
  ResolutionOutcome as ResolutionOutcomeCode,
  RuleId as RuleIdCode,
  UnitLevel as UnitLevelCode,
} from '../../domain/src/index.js';
import type { Role as RoleCode } from '../../security/src/index.js';

export type {
  ArchiveReasonCode,
  CaseKindCode,
  CaseStatusCode,
  ChannelCode,
  DeadlineStatusCode,
  DialogueOutcomeCode,
  FieldCode,
  ResolutionOutcomeCode,
  RoleCode,
  RuleIdCode,
  UnitLevelCode,
};
export type SessionStatusCode = 'scheduled' | 'held' | 'cancelled';

/** A code's words; a code the map does not know is shown as it is, a missing one as a dash. */
export const label = (map: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code == null ? '—' : (map[code] ?? code);

/** The same words inside a sentence ("đơn khiếu nại", "lĩnh vực đất đai"). */
export const inSentence = (words: string): string => words.toLowerCase();

/** Loại đơn (the kind a letter is classified as). */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  petition: 'Kiến nghị',
  reflection: 'Phản ánh',
} satisfies Record<CaseKindCode, string>;

/** Trạng thái (a case's status). */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  received: 'Mới tiếp nhận',
  classified: 'Đã phân loại',
  accepted: 'Đã thụ lý',
  rejected: 'Không thụ lý',
  guided: 'Đã hướng dẫn',
  archived: 'Lưu đơn',
  suspended: 'Tạm đình chỉ',
  resolved: 'Đã giải quyết',
  closed: 'Đã kết thúc',
  withdrawn: 'Đã rút đơn',
  terminated: 'Đình chỉ giải quyết',
} satisfies Record<CaseStatusCode, string>;

/**
 * A case's status as the citizen reads it, with what happens next: the public lookup page shows both,
 * Open311's `status_notes` prints them as one sentence (`citizenStatusNote`). The same for every case in
 * that status: nothing about the letter or a person.
 */
export const CITIZEN_STATUS_LABELS: Readonly<Record<string, { title: string; detail: string }>> = {
  received: {
    title: 'Đã tiếp nhận đơn',
    detail: 'Cơ quan đã nhận đơn của Ông/Bà và đang xem xét để xử lý.',
  },
  classified: {
    title: 'Đang xem xét để thụ lý',
    detail: 'Đơn đã được phân loại; cơ quan có thẩm quyền đang xem xét việc thụ lý giải quyết.',
  },
  accepted: {
    title: 'Đã thụ lý, đang giải quyết',
    detail: 'Cơ quan có thẩm quyền đã thụ lý và đang giải quyết đơn của Ông/Bà.',
  },
  suspended: {
    title: 'Tạm dừng giải quyết',
    detail: 'Việc giải quyết tạm dừng theo quy định; cơ quan sẽ thông báo khi tiếp tục.',
  },
  resolved: {
    title: 'Đã có kết quả giải quyết',
    detail: 'Cơ quan đã ra kết quả giải quyết; văn bản được gửi đến Ông/Bà.',
  },
  closed: { title: 'Đã kết thúc', detail: 'Việc giải quyết đơn đã kết thúc.' },
  rejected: {
    title: 'Không thụ lý',
    detail: 'Đơn không đủ điều kiện thụ lý; thông báo nêu rõ lý do được gửi đến Ông/Bà.',
  },
  guided: {
    title: 'Đã hướng dẫn gửi đơn đến cơ quan khác',
    detail: 'Nội dung đơn thuộc thẩm quyền của cơ quan khác; Ông/Bà đã được hướng dẫn gửi đơn đến đó.',
  },
  archived: { title: 'Đã lưu đơn', detail: 'Đơn được lưu theo quy định, không tiếp tục xử lý.' },
  withdrawn: { title: 'Đã rút đơn', detail: 'Ông/Bà đã rút đơn; việc giải quyết dừng lại.' },
  terminated: {
    title: 'Đình chỉ giải quyết',
    detail: 'Việc giải quyết đã bị đình chỉ theo quy định; cơ quan thông báo lý do bằng văn bản.',
  },
} satisfies Record<CaseStatusCode, { title: string; detail: string }>;

/** The citizen's words for a status as one text (`Đã lưu đơn. Đơn được lưu…`); empty for an unknown status. */
export const citizenStatusNote = (status: string): string => {
  const words = CITIZEN_STATUS_LABELS[status];
  return words ? `${words.title}. ${words.detail}` : '';
};

/**
 * Hình thức tiếp nhận (how a letter arrived; nguồn đơn, TT 07/2014 Art. 5). A forwarded letter comes
 * from a deputy, the Fatherland Front and its member organisations, the press or another body: "cơ
 * quan, tổ chức", as the law and the statistics say.
 */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  in_person: 'Trực tiếp',
  post: 'Qua bưu chính',
  online: 'Trực tuyến',
  hotline: 'Đường dây nóng',
  forwarded: 'Cơ quan, tổ chức chuyển đến',
  reception_session: 'Tại buổi tiếp công dân',
} satisfies Record<ChannelCode, string>;

/** Lĩnh vực (the sector a letter is about; legal-reference.md, "Data model"). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  land: 'Đất đai',
  compensation: 'Bồi thường, hỗ trợ, tái định cư',
  site_clearance: 'Giải phóng mặt bằng',
  housing: 'Nhà ở, xây dựng',
  policy: 'Chế độ, chính sách',
  justice: 'Tư pháp',
  corruption: 'Tham nhũng, tiêu cực',
  other: 'Lĩnh vực khác',
} satisfies Record<FieldCode, string>;

/** Lý do lưu đơn (xếp lưu đơn, TT 07/2014 Art. 6(2), 28). */
export const ARCHIVE_REASON_LABELS: Readonly<Record<string, string>> = {
  anonymous: 'Đơn nặc danh',
  duplicate: 'Đơn trùng',
  not_processable: 'Không đủ điều kiện xử lý',
  time_barred: 'Hết thời hiệu',
  illegible: 'Không đọc được nội dung',
  already_resolved: 'Đã được giải quyết',
} satisfies Record<ArchiveReasonCode, string>;

/** Kết quả đối thoại. */
export const DIALOGUE_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  agreed: 'Thống nhất',
  partially_agreed: 'Thống nhất một phần',
  disagreed: 'Không thống nhất',
  absent: 'Công dân vắng mặt',
} satisfies Record<DialogueOutcomeCode, string>;

/**
 * Kết quả giải quyết, in the law's words: a complaint is "đúng, đúng một phần hoặc sai" (LKN Art. 31,
 * 40), a denunciation "đúng, đúng một phần hoặc tố cáo sai" (LTC Art. 35).
 */
export const RESOLUTION_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  upheld: 'Khiếu nại đúng',
  partially_upheld: 'Khiếu nại đúng một phần',
  rejected: 'Khiếu nại sai',
  true: 'Tố cáo đúng',
  partly_true: 'Tố cáo đúng một phần',
  untrue: 'Tố cáo sai',
  answered: 'Đã trả lời',
} satisfies Record<ResolutionOutcomeCode, string>;

/** Tình trạng thời hạn. */
export const DEADLINE_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'Đang chạy',
  met: 'Đúng hạn',
  missed: 'Quá hạn',
  cancelled: 'Đã hủy',
  paused: 'Tạm dừng',
} satisfies Record<DeadlineStatusCode, string>;

/** Vai trò (a person's role). */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  reception: 'Tiếp nhận đơn',
  handler: 'Xử lý đơn',
  head: 'Thủ trưởng',
  supervisor: 'Giám sát',
  auditor: 'Thanh tra, kiểm toán',
  admin: 'Quản trị',
} satisfies Record<RoleCode, string>;

/** Cấp của đơn vị. */
export const UNIT_LEVEL_LABELS: Readonly<Record<string, string>> = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  department: 'Sở, ngành',
  agency: 'Cơ quan',
} satisfies Record<UnitLevelCode, string>;

/** Tình trạng buổi tiếp công dân. */
export const SESSION_STATUS_LABELS: Readonly<Record<string, string>> = {
  scheduled: 'Đã lên lịch',
  held: 'Đã tổ chức',
  cancelled: 'Đã hủy',
} satisfies Record<SessionStatusCode, string>;

/**
 * Deadline rules (docs/deadline-rules.md): what each one is for, in the words of legal-reference.md
 * (§3–§7, §12.2). Every rule has a name, the tracked ones and the informational ones (dates shown only:
 * sending, publishing, legal effect, limitation periods, reports…). Its legal basis is the rule table's
 * own (`legalBasis`, versioned with the rule), read in Vietnamese by legalBasisVi below.
 */
export const RULE_LABELS: Readonly<Record<string, { name: string }>> = {
  XLD: { name: 'Xử lý đơn' },
  'KN-LIM': { name: 'Thời hiệu khiếu nại' },
  'KN-LIM-KL': { name: 'Thời hiệu khiếu nại quyết định kỷ luật' },
  'KN-ACC': { name: 'Thụ lý khiếu nại' },
  'KN-RES1': { name: 'Giải quyết khiếu nại lần đầu' },
  'KN-SEND1': { name: 'Gửi quyết định giải quyết khiếu nại lần đầu' },
  'KN-ESC': { name: 'Thời hạn khiếu nại lần hai' },
  'KN-EFF1': {
    name: 'Quyết định giải quyết khiếu nại lần đầu có hiệu lực pháp luật',
  },
  'KN-RES2': { name: 'Giải quyết khiếu nại lần hai' },
  'KN-SEND2': {
    name: 'Gửi quyết định giải quyết khiếu nại lần hai',
  },
  'KN-PUB2': {
    name: 'Công khai quyết định giải quyết khiếu nại lần hai',
  },
  'KN-EFF2': {
    name: 'Quyết định giải quyết khiếu nại lần hai có hiệu lực pháp luật',
  },
  'KN-RES-KL': { name: 'Giải quyết khiếu nại quyết định kỷ luật' },
  'KN-DLG': {
    name: 'Thông báo đối thoại',
  },
  'KN-SUSP': {
    name: 'Gửi quyết định tạm đình chỉ, đình chỉ, tiếp tục giải quyết khiếu nại',
  },
  'KN-TERM30': {
    name: 'Thời hạn tiếp tục khiếu nại sau thông báo đình chỉ',
  },
  'TC-PRE': { name: 'Xử lý ban đầu thông tin tố cáo' },
  'TC-XFER': { name: 'Chuyển đơn tố cáo' },
  'TC-NOTIF': { name: 'Thông báo thụ lý tố cáo' },
  'TC-RES': { name: 'Giải quyết tố cáo' },
  'TC-SUSP': {
    name: 'Gửi quyết định tạm đình chỉ, đình chỉ giải quyết tố cáo',
  },
  'TC-CONCL-SEND': { name: 'Gửi kết luận nội dung tố cáo' },
  'TC-HANDLE': { name: 'Xử lý kết luận nội dung tố cáo' },
  'TC-PUB': { name: 'Công khai kết luận nội dung tố cáo' },
  'TC-FOLLOWUP': { name: 'Xem xét tố cáo tiếp' },
  'TC-OVERDUE': { name: 'Báo cáo về tố cáo quá hạn giải quyết' },
  'TC-MON': {
    name: 'Báo cáo hằng tháng việc thực hiện kết luận nội dung tố cáo',
  },
  'TCD-ANS': { name: 'Trả lời kiến nghị, phản ánh' },
  'TCD-RESULT': {
    name: 'Thông báo kết quả xử lý cho công dân',
  },
  'TCD-REFUSE': {
    name: 'Thông báo từ chối tiếp công dân',
  },
  'TCD-ONLINE': { name: 'Thông báo tiếp công dân trực tuyến' },
  'TCD-FREQ': {
    name: 'Thủ trưởng tiếp công dân định kỳ',
  },
  'TT-CONCL': { name: 'Ký kết luận thanh tra' },
  'TT-DIRECT': { name: 'Chỉ đạo thực hiện kết luận thanh tra' },
  'TT-REMED': {
    name: 'Báo cáo thực hiện kiến nghị thanh tra',
  },
} satisfies Record<RuleIdCode, { name: string }>;

export const ruleName = (ruleId: string): string => RULE_LABELS[ruleId]?.name ?? ruleId;

/** The laws the rule table cites by their short names. */
const LAW_NAMES: readonly [RegExp, string][] = [
  [/\bLTCD\b/g, 'Luật Tiếp công dân'],
  [/\bLTC\b/g, 'Luật Tố cáo'],
  [/\bLKN\b/g, 'Luật Khiếu nại'],
  [/\bLaw\b/g, 'Luật'],
];

/**
 * A deadline's legal basis as the rule table stores it in the deadline's event (`LKN Art. 28`,
 * `TT 07/2013 Art. 5(1) (am. TT 02/2016)`), in the words an official reads: `Luật Khiếu nại, Điều 28`,
 * `TT 07/2013, khoản 1 Điều 5 (sửa đổi bởi TT 02/2016)`. The stored text itself never changes (it is
 * part of the event); only what is shown is Vietnamese.
 */
export function legalBasisVi(basis: string): string {
  if (/^set by each conclusion\b/.test(basis))
    return 'Theo từng kết luận thanh tra (báo cáo định kỳ 3, 6 hoặc 12 tháng, hoặc vào các ngày kết luận ấn định)';
  let out = basis;
  for (const [short, name] of LAW_NAMES) out = out.replace(short, name);
  return out
    .replace(/\bnew ([^;]+)/g, '$1 (bổ sung)')
    .replace(/\(am\. /g, '(sửa đổi bởi ')
    .replace(/ Art\. /g, ', Điều ')
    .replace(
      /Điều (\d+[a-z]?)\((\d+)\)(?:\(([a-zđ])\))?/g,
      (_m, article: string, clause: string, point?: string) =>
        `${point ? `điểm ${point} ` : ''}khoản ${clause} Điều ${article}`,
    );
}

/** Event types of the history, as a Vietnamese official names what happened. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  CaseReceived: 'Tiếp nhận đơn',
  CaseClassified: 'Phân loại đơn',
  CaseReclassified: 'Phân loại lại',
  CaseAmended: 'Đính chính thông tin đơn',
  CaseAccepted: 'Thụ lý',
  CaseRejected: 'Không thụ lý',
  CaseGuided: 'Hướng dẫn công dân',
  CaseArchived: 'Lưu đơn',
  CaseTransferred: 'Chuyển đơn',
  HandlerAssigned: 'Giao người xử lý',
  HandlerUnassigned: 'Thôi giao người xử lý (đơn tố cáo do thủ trưởng giao)',
  CaseAssigned: 'Giao người xử lý',
  DeadlineExtended: 'Gia hạn giải quyết',
  CaseSuspended: 'Tạm đình chỉ',
  CaseResumed: 'Tiếp tục giải quyết',
  DialogueHeld: 'Tổ chức đối thoại',
  DialogueRecorded: 'Tổ chức đối thoại',
  CaseResolved: 'Ban hành quyết định/kết luận',
  CaseWithdrawn: 'Rút đơn',
  CaseTerminated: 'Đình chỉ giải quyết',
  CaseClosed: 'Kết thúc hồ sơ',
  DeadlineMissed: 'Quá hạn',
  DeadlineCorrected: 'Điều chỉnh thời hạn (đính chính lịch nghỉ lễ)',
  DeadlineStarted: 'Bắt đầu tính thời hạn xử lý đơn (chuyển đổi dữ liệu)',
  LookupPinReissued: 'Cấp lại mã tra cứu',
  ReceptionSessionScheduled: 'Lên lịch tiếp công dân',
  ReceptionSessionHeld: 'Tổ chức tiếp công dân',
  ReceptionSessionCancelled: 'Hủy buổi tiếp công dân',
  ReceptionSessionCorrected: 'Đính chính buổi tiếp',
  UnitCreated: 'Thành lập đơn vị',
  UnitRenamed: 'Đổi tên đơn vị',
  HeadAppointed: 'Bổ nhiệm thủ trưởng',
  UnitMerged: 'Sáp nhập đơn vị',
  MergerScheduled: 'Lên lịch sáp nhập',
  UnitMergerCancelled: 'Hủy sáp nhập',
  DelegateNamed: 'Ủy quyền tiếp công dân thay thủ trưởng',
  DelegationEnded: 'Chấm dứt ủy quyền tiếp công dân',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? type;

const fieldFigure = (code: FieldCode): string =>
  code === 'other' ? FIELD_LABELS.other : `Lĩnh vực ${inSentence(FIELD_LABELS[code])}`;

/**
 * The names of the statistics report's figures (`GET /statistics`: the CSV, the XLSX, `donthu report`
 * and the console's table), by path. The letters by kind, by field and the outcomes are the code
 * labels above in a report's phrasing; the rest are the report's own lines.
 */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  'received.total': 'Tổng số đơn tiếp nhận',
  'received.byKind.complaint': `Đơn ${inSentence(KIND_LABELS.complaint)}`,
  'received.byKind.denunciation': `Đơn ${inSentence(KIND_LABELS.denunciation)}`,
  'received.byKind.petition': `Đơn ${inSentence(KIND_LABELS.petition)}`,
  'received.byKind.reflection': `Đơn ${inSentence(KIND_LABELS.reflection)}`,
  'received.byKind.unclassified': 'Đơn chưa phân loại',
  'received.byChannel.in_person': 'Nhận trực tiếp',
  'received.byChannel.post': 'Nhận qua bưu chính',
  'received.byChannel.online': 'Nhận trực tuyến',
  'received.byChannel.hotline': 'Nhận qua đường dây nóng',
  'received.byChannel.forwarded': `Do ${inSentence(CHANNEL_LABELS.forwarded)}`,
  'received.byChannel.reception_session': 'Nhận qua tiếp công dân',
  'received.byField.land': fieldFigure('land'),
  'received.byField.compensation': fieldFigure('compensation'),
  'received.byField.site_clearance': fieldFigure('site_clearance'),
  'received.byField.housing': fieldFigure('housing'),
  'received.byField.policy': fieldFigure('policy'),
  'received.byField.justice': fieldFigure('justice'),
  'received.byField.corruption': fieldFigure('corruption'),
  'received.byField.other': fieldFigure('other'),
  'received.byField.unspecified': 'Chưa xác định lĩnh vực',
  'processed.accepted': 'Đã thụ lý',
  'processed.rejected': 'Không thụ lý',
  'processed.guided': 'Hướng dẫn',
  'processed.archived': 'Lưu đơn',
  'processed.transferred': 'Chuyển đơn',
  'resolved.total': 'Số vụ việc đã giải quyết',
  'resolved.byOutcome.upheld': RESOLUTION_OUTCOME_LABELS.upheld,
  'resolved.byOutcome.partially_upheld': RESOLUTION_OUTCOME_LABELS.partially_upheld,
  'resolved.byOutcome.rejected': RESOLUTION_OUTCOME_LABELS.rejected,
  'resolved.byOutcome.true': RESOLUTION_OUTCOME_LABELS.true,
  'resolved.byOutcome.partly_true': RESOLUTION_OUTCOME_LABELS.partly_true,
  'resolved.byOutcome.untrue': RESOLUTION_OUTCOME_LABELS.untrue,
  'resolved.byOutcome.answered': 'Kiến nghị, phản ánh đã trả lời',
  'resolved.onTime': 'Giải quyết đúng hạn',
  'resolved.late': 'Giải quyết quá hạn',
  'resolved.withoutDeadline': 'Không có thời hạn giải quyết',
  'resolved.lateEntries': 'Quyết định cập nhật muộn',
  'openAtEnd.total': 'Tồn cuối kỳ',
  'openAtEnd.overdue': 'Tồn cuối kỳ đã quá hạn',
  dialoguesHeld: 'Số cuộc đối thoại',
  'reception.sessionsHeld': 'Số buổi tiếp công dân',
  'reception.headSessionsHeld': 'Số buổi thủ trưởng trực tiếp tiếp',
  'reception.citizensReceived': 'Số lượt công dân được tiếp',
  'openAtStart.total': 'Tồn đầu kỳ',
};

export const figureLabel = (path: string): string => FIGURE_LABELS[path] ?? path;
