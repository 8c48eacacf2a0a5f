/** Every word the console shows for the API's codes, in Vietnamese. */
export const ROLE_LABELS: Record<string, string> = {
  reception: 'Tiếp nhận đơn',
  handler: 'Xử lý đơn',
  head: 'Thủ trưởng',
  supervisor: 'Giám sát',
  auditor: 'Thanh tra, kiểm toán',
  admin: 'Quản trị',
};

export const STATUS_LABELS: Record<string, string> = {
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
};

export const STATUS_COLORS: Record<string, string> = {
  received: 'blue',
  classified: 'geekblue',
  accepted: 'purple',
  rejected: 'default',
  guided: 'cyan',
  archived: 'default',
  suspended: 'orange',
  resolved: 'green',
  closed: 'default',
  withdrawn: 'default',
  terminated: 'default',
};

export const KIND_LABELS: Record<string, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  petition: 'Kiến nghị',
  reflection: 'Phản ánh',
};

export const CHANNEL_LABELS: Record<string, string> = {
  in_person: 'Trực tiếp',
  post: 'Qua bưu chính',
  online: 'Trực tuyến',
  hotline: 'Đường dây nóng',
  forwarded: 'Cơ quan khác chuyển đến',
  reception_session: 'Tại buổi tiếp công dân',
};

export const FIELD_LABELS: Record<string, string> = {
  land: 'Đất đai',
  compensation: 'Bồi thường, hỗ trợ, tái định cư',
  site_clearance: 'Giải phóng mặt bằng',
  housing: 'Nhà ở, xây dựng',
  policy: 'Chế độ, chính sách',
  justice: 'Tư pháp',
  corruption: 'Tham nhũng, tiêu cực',
  other: 'Lĩnh vực khác',
};

export const ARCHIVE_REASON_LABELS: Record<string, string> = {
  anonymous: 'Đơn nặc danh',
  duplicate: 'Đơn trùng',
  not_processable: 'Không đủ điều kiện xử lý',
  time_barred: 'Hết thời hiệu',
  illegible: 'Không đọc được nội dung',
  already_resolved: 'Đã được giải quyết',
};

export const DIALOGUE_OUTCOME_LABELS: Record<string, string> = {
  agreed: 'Thống nhất',
  partially_agreed: 'Thống nhất một phần',
  disagreed: 'Không thống nhất',
  absent: 'Công dân vắng mặt',
};

export const RESOLUTION_OUTCOME_LABELS: Record<string, string> = {
  upheld: 'Khiếu nại đúng',
  partially_upheld: 'Khiếu nại đúng một phần',
  rejected: 'Khiếu nại sai',
  true: 'Tố cáo đúng',
  partly_true: 'Tố cáo đúng một phần',
  untrue: 'Tố cáo sai',
  answered: 'Đã trả lời',
};

/** Outcomes a decision may have, by kind (docs/reference/api-contract.md, Case commands: resolve). */
export const OUTCOMES_BY_KIND: Record<string, string[]> = {
  complaint: ['upheld', 'partially_upheld', 'rejected'],
  denunciation: ['true', 'partly_true', 'untrue'],
  petition: ['answered'],
  reflection: ['answered'],
};

export const DEADLINE_STATUS_LABELS: Record<string, string> = {
  open: 'Đang chạy',
  met: 'Đúng hạn',
  missed: 'Quá hạn',
  cancelled: 'Đã hủy',
  paused: 'Tạm dừng',
};

export const DEADLINE_STATUS_COLORS: Record<string, string> = {
  open: 'processing',
  met: 'success',
  missed: 'error',
  cancelled: 'default',
  paused: 'warning',
};

/** Deadline rules (docs/deadline-rules.md): what each one is for, and its legal basis. */
export const RULE_LABELS: Record<string, { name: string; basis: string }> = {
  XLD: { name: 'Xử lý đơn', basis: 'Thông tư 05/2021/TT-TTCP, Điều 6' },
  'KN-ACC': { name: 'Thụ lý khiếu nại', basis: 'Luật Khiếu nại 2011, Điều 27, 36' },
  'KN-RES1': { name: 'Giải quyết khiếu nại lần đầu', basis: 'Luật Khiếu nại 2011, Điều 28' },
  'KN-RES2': { name: 'Giải quyết khiếu nại lần hai', basis: 'Luật Khiếu nại 2011, Điều 37' },
  'KN-RES-KL': { name: 'Giải quyết khiếu nại quyết định kỷ luật', basis: 'Luật Khiếu nại 2011, Chương III' },
  'KN-ESC': { name: 'Thời hạn khiếu nại lần hai', basis: 'Luật Khiếu nại 2011, Điều 33' },
  'KN-DLG': { name: 'Thông báo đối thoại', basis: 'Luật Khiếu nại 2011, Điều 30' },
  'TC-PRE': { name: 'Xử lý ban đầu thông tin tố cáo', basis: 'Luật Tố cáo 2018, Điều 24' },
  'TC-XFER': { name: 'Chuyển đơn tố cáo', basis: 'Luật Tố cáo 2018, Điều 24, 26' },
  'TC-RES': { name: 'Giải quyết tố cáo', basis: 'Luật Tố cáo 2018, Điều 30' },
  'TCD-ANS': { name: 'Trả lời kiến nghị, phản ánh', basis: 'Luật Tiếp công dân 2013, Điều 28' },
  'TCD-ONLINE': { name: 'Tiếp nhận đơn trực tuyến', basis: 'Luật Tiếp công dân 2013' },
};

export const ruleName = (ruleId: string): string => RULE_LABELS[ruleId]?.name ?? ruleId;

/** Event types of the history, as a Vietnamese official names what happened. */
export const EVENT_LABELS: Record<string, string> = {
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
  LookupPinIssued: 'Cấp lại mã tra cứu',
  ReceptionSessionScheduled: 'Lên lịch tiếp công dân',
  ReceptionSessionHeld: 'Tổ chức tiếp công dân',
  ReceptionSessionCancelled: 'Hủy buổi tiếp công dân',
  ReceptionSessionCorrected: 'Đính chính buổi tiếp',
  UnitCreated: 'Thành lập đơn vị',
  UnitRenamed: 'Đổi tên đơn vị',
  HeadAppointed: 'Bổ nhiệm thủ trưởng',
  UnitMerged: 'Sáp nhập đơn vị',
  MergerScheduled: 'Lên lịch sáp nhập',
  MergerCancelled: 'Hủy sáp nhập',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? type;

export const UNIT_LEVEL_LABELS: Record<string, string> = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  department: 'Sở, ngành',
  agency: 'Cơ quan',
};

export const SESSION_STATUS_LABELS: Record<string, string> = {
  scheduled: 'Đã lên lịch',
  held: 'Đã tổ chức',
  cancelled: 'Đã hủy',
};

export const label = (map: Record<string, string>, key: string | null | undefined): string =>
  key == null ? '—' : (map[key] ?? key);
