/**
 * The Vietnamese of every message template the API raises in English (docs/api-language.md). The key is
 * the English template exactly as it is written where it is raised, with `{}` for each `${…}`; the
 * value is its Vietnamese, where `{0}`, `{1}` … are those values in order. A value written YYYY-MM-DD
 * is shown DD/MM/YYYY; `{i:term}` names a state, kind or act in Vietnamese (a comma-separated list
 * word by word); `{i:msg}` is a message inside the message, translated in turn. Field names, rule ids
 * (KN-DLG, TC-RES …) and identifiers stay as they are. problem-messages.spec.ts scans the source and
 * fails when a raised message has no entry here (or in the rules of problem-language.ts).
 */
export const MESSAGES_VI: Readonly<Record<string, string>> = {
  // ── dates and calendars (libs/domain) ─────────────────────────────────────────────────────────
  '{} must be a date (YYYY-MM-DD)': '{0} phải là một ngày (YYYY-MM-DD)',
  '{} must be a real date written YYYY-MM-DD': '{0} phải là một ngày có thật, viết YYYY-MM-DD',
  '{} {} is before {}': '{0}: ngày {1} trước ngày {2}',
  '{} {} is after today ({})': '{0}: ngày {1} sau ngày hôm nay ({2})',
  '{} {} is before the receipt ({})': '{0}: ngày {1} trước ngày nhận đơn ({2})',
  '{} {} is before the {} ({})': '{0}: ngày {1} trước ngày {2:term} ({3})',
  '{} {} is more than five years ahead (after {})': '{0}: ngày {1} quá 5 năm kể từ hôm nay (sau ngày {2})',
  'not a date (YYYY-MM-DD): {}': 'không phải là một ngày (YYYY-MM-DD): {0}',
  '{} is not a date: {}': '{0} không phải là một ngày: {1}',
  'day count must be an integer: {}': 'số ngày phải là số nguyên: {0}',
  '{}: day count must be a non-negative integer, got {}':
    '{0}: số ngày phải là số nguyên không âm, nhận được {1}',
  'no business calendar data for year {} ({}); add data/calendar/{}.json':
    'chưa có lịch ngày làm việc của năm {0} ({1}); cần bổ sung data/calendar/{2}.json',
  'a term cannot end before it starts': 'nhiệm kỳ không thể kết thúc trước khi bắt đầu',
  'to must not be before from': 'to không được trước from',
  'deadlines must be a list': 'deadlines phải là danh sách',
  'heldDays must be a list of dates': 'heldDays phải là danh sách các ngày',
  'unknown deadline rule: {}': 'không có quy tắc thời hạn {0}',
  'deadline has no valid baseDueOn: {}': 'thời hạn không có baseDueOn hợp lệ: {0}',
  'no version of {} was in force on {} (first version {})':
    'quy tắc {0} chưa có phiên bản nào có hiệu lực vào ngày {1} (phiên bản đầu tiên: {2})',
  '{} cannot be extended': 'thời hạn {0} không được gia hạn',
  'an extension of {} is 1 to {} days, got {}': 'gia hạn thời hạn {0} từ 1 đến {1} ngày, nhận được {2}',
  'resumed on {}, before the suspension on {}': 'ngày tiếp tục giải quyết {0} trước ngày tạm đình chỉ {1}',

  // ── cases (libs/domain/src/case) ──────────────────────────────────────────────────────────────
  'case is closed: {} is not allowed': 'hồ sơ đã kết thúc: không thực hiện được thao tác này',
  'case is {}: it has not been classified': 'hồ sơ đang ở trạng thái {0:state}: chưa được phân loại',
  'cannot {} a case that is {} (allowed from: {})':
    'không thể {0:term} hồ sơ đang ở trạng thái {1:state} (chỉ thực hiện được khi hồ sơ ở trạng thái: {2:state})',
  'case {} is already registered': 'hồ sơ {0} đã được tiếp nhận trước đó',
  'petitioners must be a list': 'petitioners phải là danh sách người gửi đơn',
  'an anonymous letter has no petitioners (petitioners: [])':
    'đơn nặc danh không ghi người gửi đơn (petitioners: [])',
  'at least one petitioner (or anonymous: true)': 'phải có ít nhất một người gửi đơn (hoặc anonymous: true)',
  'signerCount must be a positive integer': 'số người ký phải là số nguyên dương',
  'unknown kind {}': 'không có loại đơn {0}',
  'level applies to complaints only': 'lần giải quyết chỉ áp dụng cho đơn khiếu nại',
  'level must be 1 or 2': 'level phải là 1 (lần đầu) hoặc 2 (lần hai)',
  'processable is required': 'processable: bắt buộc phải có',
  'disciplinary must be true or false': 'disciplinary phải là true hoặc false',
  'only a complaint can be against a disciplinary decision':
    'chỉ đơn khiếu nại mới có thể khiếu nại quyết định kỷ luật',
  'an anonymous letter can only be classified as a reflection (LTC Art. 25: an anonymous denunciation is not processed as one; LKN Art. 11(5))':
    'đơn nặc danh chỉ được phân loại là đơn phản ánh (Luật Tố cáo, Điều 25: tố cáo nặc danh không được xử lý như tố cáo; Luật Khiếu nại, khoản 5 Điều 11)',
  'a letter with a name keeps at least one petitioner': 'đơn có ghi tên phải giữ ít nhất một người gửi đơn',
  'unknown channel {}': 'không có nguồn đơn {0}',
  'unknown field {}': 'không có trường thông tin {0}',
  'nothing to amend: give one of {}': 'không có gì để bổ sung: hãy gửi một trong các trường {0}',
  'previousCaseId names the level-1 case of a level-2 complaint':
    'previousCaseId là mã hồ sơ khiếu nại lần đầu của đơn khiếu nại lần hai',
  'no case {}': 'không có hồ sơ {0}',
  'case {} is not a level-1 complaint': 'hồ sơ {0} không phải là đơn khiếu nại lần đầu',
  'level-2 guard (LKN Art. 7, 33): the level-1 complaint {} is neither decided nor rejected and has no resolution deadline yet':
    'điều kiện khiếu nại lần hai (Luật Khiếu nại, Điều 7, 33): khiếu nại lần đầu {0} chưa có quyết định giải quyết, chưa bị từ chối thụ lý và chưa có thời hạn giải quyết',
  'level-2 guard (LKN Art. 7, 33): the level-1 complaint {} is neither decided nor rejected and its resolution deadline ({}) has not passed on {}':
    'điều kiện khiếu nại lần hai (Luật Khiếu nại, Điều 7, 33): khiếu nại lần đầu {0} chưa có quyết định giải quyết, chưa bị từ chối thụ lý và thời hạn giải quyết ({1}) chưa hết vào ngày {2}',
  'the case was classified as not processable': 'đơn đã được phân loại là không đủ điều kiện xử lý',
  'the competent unit is outside the receiving subtree: transfer it (TC-XFER, LTC Art. 24(2))':
    'đơn vị có thẩm quyền không thuộc đơn vị tiếp nhận hoặc các đơn vị trực thuộc: hãy chuyển đơn (TC-XFER, Luật Tố cáo, khoản 2 Điều 24)',
  'a letter signed by 5 or more people needs an appointed representative (LKN Art. 8(4), LTCD Art. 29)':
    'đơn có từ 5 người ký trở lên phải cử người đại diện (Luật Khiếu nại, khoản 4 Điều 8; Luật Tiếp công dân, Điều 29)',
  '{} signers may appoint at most {} representatives (LTCD Art. 29), got {}':
    '{0} người ký chỉ được cử tối đa {1} người đại diện (Luật Tiếp công dân, Điều 29), đơn ghi {2}',
  'unknown archive reason {}': 'không có lý do lưu đơn {0}',
  'a duplicate names the case it duplicates': 'đơn trùng phải ghi mã hồ sơ bị trùng',
  'a case cannot duplicate itself': 'hồ sơ không thể trùng với chính nó',
  'the case is already at that unit': 'hồ sơ đã ở đơn vị này',
  'cannot move a case that is {}': 'không chuyển được hồ sơ đang ở trạng thái {0:state}',
  'the merger is not yet effective': 'việc hợp nhất chưa có hiệu lực',
  'a unit cannot merge into itself': 'đơn vị không thể hợp nhất vào chính nó',
  'the case is not at unit {}': 'hồ sơ không ở đơn vị {0}',
  'only a denunciation resolution deadline can be extended (LTC Art. 30)':
    'chỉ gia hạn được thời hạn giải quyết tố cáo (Luật Tố cáo, Điều 30)',
  'days must be a whole number from 1 to {} (LTC Art. 30)':
    'days phải là số nguyên từ 1 đến {0} (Luật Tố cáo, Điều 30)',
  'there is no open TC-RES deadline to extend': 'không có thời hạn TC-RES nào đang tính để gia hạn',
  'TC-RES expired on {}: it can no longer be extended (LTC Art. 30)':
    'thời hạn TC-RES đã hết ngày {0}: không còn gia hạn được (Luật Tố cáo, Điều 30)',
  'TC-RES allows {} extension(s) for this case (LTC Art. 30: one if complex, two if especially complex)':
    'thời hạn TC-RES của hồ sơ này chỉ được gia hạn {0} lần (Luật Tố cáo, Điều 30: một lần với vụ việc phức tạp, hai lần với vụ việc đặc biệt phức tạp)',
  'KN-SUSP: a complaint can be suspended only from {} (new LKN Art. 11a, Law 136/2025); at is {}':
    'KN-SUSP: chỉ được tạm đình chỉ giải quyết khiếu nại từ ngày {0} (Điều 11a Luật Khiếu nại, bổ sung bởi Luật số 136/2025); ngày thực hiện (at) là {1}',
  'dialogue {} is already recorded': 'cuộc đối thoại {0} đã được ghi nhận',
  'unknown dialogue outcome {}': 'không có kết quả đối thoại {0}',
  'participants must be a list': 'participants phải là danh sách người tham gia',
  'noticeOn is required for a dialogue held from {} (KN-DLG, NĐ 155/2026 Art. 11)':
    'noticeOn: đối thoại từ ngày {0} phải có ngày thông báo (KN-DLG, Nghị định 155/2026, Điều 11)',
  'the notice cannot be dated after the dialogue': 'ngày thông báo không được sau ngày đối thoại',
  'KN-DLG: the dialogue notice must be given at least {} days before it (NĐ 155/2026 Art. 11)':
    'KN-DLG: phải thông báo đối thoại trước ít nhất {0} ngày (Nghị định 155/2026, Điều 11)',
  'a {} is resolved as {}': '{0:term} chỉ được giải quyết với kết quả: {1}',
  'verificationAgreesWithRequest is required for a level-1 complaint (true or false; LKN Art. 30)':
    'verificationAgreesWithRequest: khiếu nại lần đầu phải ghi kết quả xác minh có đúng với nội dung khiếu nại hay không (true hoặc false; Luật Khiếu nại, Điều 30)',
  'a disciplinary complaint needs a dialogue before the decision (mandatory dialogue, LKN Art. 53, 55)':
    'khiếu nại quyết định kỷ luật phải tổ chức đối thoại trước khi ra quyết định giải quyết (đối thoại bắt buộc, Luật Khiếu nại, Điều 53, 55)',
  'a second complaint needs a dialogue before the decision (LKN Art. 39)':
    'khiếu nại lần hai phải tổ chức đối thoại trước khi ra quyết định giải quyết (Luật Khiếu nại, Điều 39)',
  'the verification result differs from the request: a dialogue is required before the decision (LKN Art. 30)':
    'kết quả xác minh khác với nội dung khiếu nại: phải tổ chức đối thoại trước khi ra quyết định giải quyết (Luật Khiếu nại, Điều 30)',
  'dueOn must be a date (YYYY-MM-DD)': 'dueOn phải là một ngày (YYYY-MM-DD)',
  'baseDueOn must be a date (YYYY-MM-DD)': 'baseDueOn phải là một ngày (YYYY-MM-DD)',
  'no deadline {} on this case': 'hồ sơ không có thời hạn số {0}',
  'deadline {} is {}: only an open deadline is corrected':
    'thời hạn số {0} đang ở trạng thái {1:state}: chỉ đính chính được thời hạn đang tính',
  'case not found': 'không có hồ sơ này',

  // ── inspections (libs/domain/src/inspection) ──────────────────────────────────────────────────
  'inspection does not exist': 'không có cuộc thanh tra, kiểm tra này',
  'recommendation {} does not exist': 'không có kiến nghị {0}',
  'inspection {} is {}, not concluded':
    'cuộc thanh tra {0} đang ở trạng thái {1:state}, chưa có kết luận thanh tra',
  'recommendation {} is {}': 'kiến nghị {0} đang ở trạng thái {1:state}',
  'inspection {} exists already': 'cuộc thanh tra {0} đã tồn tại',
  'kind must be one of {}': 'kind phải là một trong các giá trị: {0}',
  'inspection {} is {}': 'cuộc thanh tra {0} đang ở trạng thái {1:state}',
  'a recommendation must be an object': 'mỗi kiến nghị phải là một đối tượng',
  'dueOn {} is before the conclusion ({})': 'dueOn: ngày {0} trước ngày kết luận thanh tra ({1})',
  'reportEvery and reportDates are mutually exclusive':
    'chỉ được ghi một trong hai: reportEvery hoặc reportDates',
  'reportEvery must be one of {}': 'reportEvery phải là một trong các giá trị: {0}',
  'reportDates must be a non-empty list of dates':
    'reportDates phải là danh sách các ngày, không được để trống',
  'reportDates must be ascending and after the conclusion':
    'reportDates phải theo thứ tự tăng dần và sau ngày kết luận thanh tra',
  'a conclusion has at least one recommendation': 'kết luận thanh tra phải có ít nhất một kiến nghị',
  'duplicate recommendation id': 'mã kiến nghị bị trùng',
  'the directive was issued on {}': 'văn bản chỉ đạo đã được ban hành ngày {0}',
  'a plan lists at least one action': 'kế hoạch phải có ít nhất một việc cần làm',
  'done must be a boolean': 'done phải là true hoặc false',
  'toUnitId must differ from fromUnitId': 'toUnitId phải khác fromUnitId',
  'inspection {} is closed': 'cuộc thanh tra {0} đã kết thúc',
  'recommendation {} is owned by {}, not {}': 'kiến nghị {0} do đơn vị {1} thực hiện, không phải {2}',
  'recommendations still open: {}': 'còn kiến nghị chưa thực hiện xong: {0}',
  '{} must be a non-empty string': '{0} phải là chuỗi ký tự, không được để trống',
  'concludedOn must be a date (YYYY-MM-DD)': 'concludedOn phải là một ngày (YYYY-MM-DD)',
  'asOf must be a date (YYYY-MM-DD)': 'asOf phải là một ngày (YYYY-MM-DD)',
  'a report date must be a date (YYYY-MM-DD)': 'ngày báo cáo phải là một ngày (YYYY-MM-DD)',
  'from must be a date (YYYY-MM-DD)': 'from phải là một ngày (YYYY-MM-DD)',
  'to must be a date (YYYY-MM-DD)': 'to phải là một ngày (YYYY-MM-DD)',

  // ── reception sessions (libs/domain/src/reception) ────────────────────────────────────────────
  'reception session does not exist': 'không có buổi tiếp công dân này',
  'session {} exists already': 'buổi tiếp công dân {0} đã tồn tại',
  'mode must be one of {}': 'mode phải là một trong các giá trị: {0}',
  'session {} is {}': 'buổi tiếp công dân {0} đang ở trạng thái {1:state}',
  'heldOn {} is after today ({})': 'heldOn: ngày {0} sau ngày hôm nay ({1})',
  'at {} is after today ({})': 'at: ngày {0} sau ngày hôm nay ({1})',
  'citizensReceived must be a whole number ≥ 0': 'citizensReceived phải là số nguyên ≥ 0',
  'caseIds must be a list': 'caseIds phải là danh sách',
  'void must be a boolean': 'void phải là true hoặc false',

  // ── statistics, units ─────────────────────────────────────────────────────────────────────────
  'period cannot be combined with from/to': 'không được dùng period cùng với from/to',
  'period must be a report period such as 2026-Q1…Q4, 2026-H1, 2026-9M or 2026':
    'period phải là kỳ báo cáo, ví dụ 2026-Q1…Q4, 2026-H1, 2026-9M hoặc 2026',
  '{} is required with a custom range': '{0}: bắt buộc phải có khi chọn khoảng thời gian tùy ý',
  'ceasingUnitId is required': 'ceasingUnitId: bắt buộc phải có',
  'successorUnitId is required': 'successorUnitId: bắt buộc phải có',
  'effectiveOn must be a date (YYYY-MM-DD)': 'effectiveOn phải là một ngày (YYYY-MM-DD)',
  'unit {} exists already': 'đơn vị {0} đã tồn tại',
  'level must be one of {}': 'level phải là một trong các giá trị: {0}',
  'a unit cannot be its own parent': 'đơn vị không thể là đơn vị cấp trên của chính nó',
  'the current name is in force from {}; a rename cannot precede it':
    'tên hiện tại có hiệu lực từ ngày {0}; không thể đổi tên từ trước ngày đó',
  'the unit already has this name': 'đơn vị đã mang tên này',
  'acting must be a boolean': 'acting phải là true hoặc false',
  'the current term starts on {}; a new term cannot start before it':
    'nhiệm kỳ hiện tại bắt đầu từ ngày {0}; nhiệm kỳ mới không thể bắt đầu trước ngày đó',
  'unit {} did not exist on {}': 'đơn vị {0} chưa tồn tại hoặc đã chấm dứt vào ngày {1}',
  'must be another unit': 'phải là một đơn vị khác',
  'a unit cannot merge into one of its own subunits':
    'đơn vị không thể hợp nhất vào đơn vị trực thuộc của mình',
  'is below the ceasing unit': 'là đơn vị trực thuộc đơn vị chấm dứt hoạt động',

  // ── application services (libs/application) ───────────────────────────────────────────────────
  'assigning an unclassified case is reserved to a head of the receiving or competent unit':
    'chỉ thủ trưởng đơn vị tiếp nhận hoặc đơn vị có thẩm quyền mới được phân công xử lý đơn chưa phân loại',
  'assigning a denunciation is reserved to a head of the receiving or competent unit':
    'chỉ thủ trưởng đơn vị tiếp nhận hoặc đơn vị có thẩm quyền mới được phân công xử lý đơn tố cáo',
  'no such case in your scope': 'không có hồ sơ này trong phạm vi của bạn',
  'content: the letter of this case was erased with its petitioners':
    'content: nội dung đơn của hồ sơ này đã bị xóa cùng thông tin người gửi đơn',
  'If-Match "{}" is stale: the current version is {}':
    'phiên bản {0} đã cũ, phiên bản hiện tại là {1}: hãy tải lại hồ sơ rồi thực hiện lại',
  'Idempotency-Key must be 1–200 visible ASCII characters':
    'Idempotency-Key phải gồm 1–200 ký tự ASCII nhìn thấy được',
  'this Idempotency-Key was used with another request':
    'Idempotency-Key này đã được dùng cho một yêu cầu khác',
  'this Idempotency-Key is older than the retention period; use a new one':
    'Idempotency-Key này đã quá thời gian lưu giữ; hãy dùng khóa mới',
  'a request with this Idempotency-Key is still being processed; retry':
    'yêu cầu với Idempotency-Key này vẫn đang được xử lý; hãy thử lại sau',
  "a denunciator's identity is disclosed only to the assigned handler and a head of the competent unit":
    'thông tin người tố cáo chỉ được tiết lộ cho người được phân công xử lý và thủ trưởng đơn vị có thẩm quyền',
  'reasonCode and reason are required to export identities':
    'xuất thông tin nhân thân phải có reasonCode và reason (lý do)',
  'required with includeIdentities': 'bắt buộc phải có khi includeIdentities là true',
  "a denunciator's identity is exported only by the assigned handler or a head of the competent unit":
    'chỉ người được phân công xử lý hoặc thủ trưởng đơn vị có thẩm quyền mới được xuất thông tin người tố cáo',
  'exporting identities needs the right to see them':
    'xuất thông tin nhân thân cần có quyền xem thông tin đó',
  "a denunciator's identity is exported only to the unit competent to settle the denunciation":
    'thông tin người tố cáo chỉ được chuyển cho đơn vị có thẩm quyền giải quyết tố cáo',
  'importId: letters, digits and . _ - only': 'importId: chỉ gồm chữ cái, chữ số và . _ -',
  'letters, digits and . _ - only (at most 64)': 'chỉ gồm chữ cái, chữ số và . _ - (tối đa 64 ký tự)',
  'the file is larger than IMPORT_MAX_BYTES ({})': 'tệp lớn hơn IMPORT_MAX_BYTES ({0})',
  'row {}: a quoted field is not closed': 'dòng {0}: một ô mở dấu ngoặc kép nhưng không đóng',
  '{} problem(s) in the import file, nothing was written': 'tệp nhập có {0} lỗi, chưa ghi dữ liệu nào',
  'must be a whole number from {} to {}': 'phải là số nguyên từ {0} đến {1}',
  '{} is registered twice (row {})': '{0} được tiếp nhận hai lần (dòng {1})',
  invalid: 'không hợp lệ',
  'the file contains U+0000': 'tệp chứa ký tự U+0000',
  'the workbook has no worksheet': 'bảng tính không có trang tính nào',
  '{}: only a head of the lead unit {} (or above it) or an admin may':
    '{0:term}: chỉ thủ trưởng đơn vị chủ trì {1} (hoặc đơn vị cấp trên) hoặc quản trị viên được thực hiện',
  '{}: only a handler or head of the owner unit {} (or above it) may':
    '{0:term}: chỉ người xử lý hoặc thủ trưởng đơn vị thực hiện kiến nghị {1} (hoặc đơn vị cấp trên) được thực hiện',
  '{}: unit {} is outside your scope': '{0}: đơn vị {1} nằm ngoài phạm vi của bạn',
  'no inspection {}': 'không có cuộc thanh tra, kiểm tra {0}',
  'no recommendation {} in inspection {}': 'cuộc thanh tra {1} không có kiến nghị {0}',
  'service_code: no service {}': 'service_code: không có dịch vụ {0}',
  'no such service': 'không có dịch vụ này',
  'service_request_id: no request {} filed with this api_key':
    'service_request_id: không có yêu cầu {0} gửi bằng api_key này',
  'jurisdiction_id: this api_key was issued for jurisdiction {}':
    'jurisdiction_id: api_key này được cấp cho đơn vị {0}',
  'not the api_key’s jurisdiction': 'không phải đơn vị của api_key',
  "a denunciation's papers are produced only for the assigned handler and a head of the competent unit":
    'văn bản của hồ sơ tố cáo chỉ được lập cho người được phân công xử lý và thủ trưởng đơn vị có thẩm quyền',
  'reasonCode and reason go together': 'reasonCode và reason phải đi cùng nhau',
  'required with the other': 'bắt buộc phải có khi đã có trường kia',
  "reasonCode and reason are required for a denunciation's papers":
    'lập văn bản của hồ sơ tố cáo phải có reasonCode và reason (lý do)',
  'required: each production is recorded as a disclosure':
    'bắt buộc phải có: mỗi lần lập văn bản được ghi nhận là một lần tiết lộ thông tin',
  'printing the names needs the right to see the identities of this case':
    'in họ tên cần có quyền xem thông tin nhân thân của hồ sơ này',
  'lookupPin: only the receipt carries the PIN': 'lookupPin: chỉ giấy biên nhận mới in mã PIN',
  'lookupPin: not the PIN of this case (reissue one if it was lost)':
    'lookupPin: không phải mã PIN của hồ sơ này (nếu bị mất, hãy cấp lại mã PIN)',
  'does not match': 'không khớp',
  'this case has no {}: the paper cannot be produced':
    'hồ sơ chưa có việc {0:term}: không lập được văn bản này',
  'reason is required': 'reason: bắt buộc phải có lý do',
  'no reception session {}': 'không có buổi tiếp công dân {0}',
  'hostPersonId: neither the head of the unit on that day nor you':
    'hostPersonId: không phải thủ trưởng đơn vị vào ngày đó, cũng không phải bạn',
  "the host is the unit's head on heldOn, or the recording person of the session's unit":
    'người chủ trì là thủ trưởng đơn vị vào ngày heldOn, hoặc người ghi nhận thuộc đơn vị của buổi tiếp',
  'no unit {}': 'không có đơn vị {0}',
  'no unit': 'không có đơn vị này',
  'unit {} exists from {}': 'đơn vị {0} chỉ tồn tại từ ngày {1}',
  'unit {} ceased on {}': 'đơn vị {0} đã chấm dứt hoạt động từ ngày {1}',
  'no such unit': 'không có đơn vị này',
  'requires {}': 'vai trò của bạn không được thực hiện việc này ({0})',

  // ── HTTP layer (apps/api) ─────────────────────────────────────────────────────────────────────
  'unitId must be a unit id': 'unitId phải là mã đơn vị',
  'minPosition must be a position': 'minPosition phải là một vị trí trong nhật ký sự kiện',
  'from must not be after to': 'ngày bắt đầu (from) không được sau ngày kết thúc (to)',
  'no API key {}': 'không có api_key {0}',
  'no session: sign in again': 'không có phiên đăng nhập: hãy đăng nhập lại',
  'OpenID Connect sign-in is not configured': 'chưa cấu hình đăng nhập bằng OpenID Connect',
  'each petitioner must be an object': 'mỗi người gửi đơn phải là một đối tượng',
  'reasonCode must be one of {}': 'reasonCode phải là một trong các giá trị: {0}',
  'receiverUnitId must be a unit id': 'receiverUnitId phải là mã đơn vị',
  'includeIdentities must be true or false': 'includeIdentities phải là true hoặc false',
  'format must be one of {}': 'format phải là một trong các giá trị: {0}',
  'no paper {}; one of {}': 'không có văn bản {0}; chỉ có: {1}',
  'is nested more than {} levels deep': 'lồng nhau quá {0} cấp',
  'the file exceeds IMPORT_MAX_BYTES ({})': 'tệp vượt quá IMPORT_MAX_BYTES ({0})',
  'the body is not valid UTF-8': 'dữ liệu gửi lên không phải UTF-8 hợp lệ',
  'not valid UTF-8': 'không phải UTF-8 hợp lệ',
  'unsupported encoding': 'kiểu mã hóa không được hỗ trợ',
  'the database is unreachable; retry later': 'không kết nối được cơ sở dữ liệu; hãy thử lại sau',
  'more than {} requests a minute; slow down': 'quá {0} yêu cầu trong một phút; hãy gửi chậm lại',
  'must be "<version>"': 'phải có dạng "<phiên bản>"',
  'actorId must be an id': 'actorId phải là một mã hợp lệ',
  '{} must be a unit id (1–64 letters, digits, dots, dashes or underscores)':
    '{0} phải là mã đơn vị gồm 1–64 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới',
  'reportDates must hold real dates written YYYY-MM-DD':
    'reportDates phải gồm các ngày có thật, viết YYYY-MM-DD',
  'jurisdiction_id: no such jurisdiction': 'jurisdiction_id: không có đơn vị này',
  'jurisdiction_id must be a unit id': 'jurisdiction_id phải là mã đơn vị',
  'service_request_id must be tracking codes separated by commas':
    'service_request_id phải là các mã tra cứu, cách nhau bằng dấu phẩy',
  'service_code must be a service code': 'service_code phải là mã dịch vụ',
  'status must be open, closed or open,closed': 'status phải là open, closed hoặc open,closed',
  'media_url must be an http(s) URL': 'media_url phải là địa chỉ http(s)',
  'more than {} requests a minute with this api_key; slow down':
    'quá {0} yêu cầu trong một phút với api_key này; hãy gửi chậm lại',
  'api_key: a valid api_key is required': 'api_key: cần có api_key hợp lệ',
  'missing, unknown or revoked': 'thiếu, không đúng hoặc đã bị thu hồi',
  'caseIds must be case ids': 'caseIds phải là các mã hồ sơ',
  'unitId is required for a user without a unit':
    'unitId: bắt buộc phải có với tài khoản không thuộc đơn vị nào',
  'no figure {}': 'không có chỉ tiêu {0}',
  'figure must name a figure of the report, such as resolved.late':
    'figure phải là một chỉ tiêu của báo cáo, ví dụ resolved.late',
  'figure must be a figure path such as resolved.late':
    'figure phải là đường dẫn chỉ tiêu, ví dụ resolved.late',
  'id must be 1–64 letters, digits, dots, dashes or underscores':
    'id phải gồm 1–64 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới',
  'parentId must be a unit id': 'parentId phải là mã đơn vị',
  'personId must be a person id': 'personId phải là mã cán bộ',
  'intoUnitId must be a unit id': 'intoUnitId phải là mã đơn vị',
  'delegateId must be a person id': 'delegateId phải là mã cán bộ',
};

/**
 * Words that stand inside messages for a state, a kind of letter or an act (`{i:term}`): case states,
 * inspection, recommendation, session and deadline states, the kinds, the acts of `cannot … a case`.
 */
export const TERMS_VI: Readonly<Record<string, string>> = {
  // case states
  received: 'mới tiếp nhận',
  classified: 'đã phân loại',
  accepted: 'đã thụ lý',
  rejected: 'không thụ lý',
  guided: 'đã hướng dẫn',
  archived: 'đã lưu đơn',
  suspended: 'tạm đình chỉ',
  resolved: 'đã giải quyết',
  closed: 'đã kết thúc',
  withdrawn: 'đã rút đơn',
  terminated: 'đã đình chỉ giải quyết',
  // inspections, recommendations, sessions, deadlines
  decided: 'đã có quyết định thanh tra',
  fieldwork: 'đang thanh tra trực tiếp',
  concluded: 'đã có kết luận thanh tra',
  open: 'đang mở',
  done: 'đã thực hiện xong',
  waived: 'được miễn thực hiện',
  scheduled: 'đã lên lịch',
  held: 'đã tổ chức',
  cancelled: 'đã hủy',
  met: 'đã hoàn thành đúng hạn',
  missed: 'đã quá hạn',
  paused: 'đang tạm dừng',
  // kinds of letter
  complaint: 'đơn khiếu nại',
  denunciation: 'đơn tố cáo',
  petition: 'đơn kiến nghị',
  reflection: 'đơn phản ánh',
  // acts (cannot … a case; this case has no …)
  accept: 'thụ lý',
  acceptance: 'thụ lý',
  amend: 'bổ sung thông tin',
  archive: 'lưu đơn',
  'assign a handler to': 'phân công người xử lý',
  classify: 'phân loại',
  close: 'kết thúc',
  'extend the deadline of': 'gia hạn thời hạn giải quyết',
  guide: 'hướng dẫn',
  guidance: 'hướng dẫn',
  reclassify: 'phân loại lại',
  'record a dialogue on': 'ghi nhận đối thoại',
  reject: 'không thụ lý',
  'non-acceptance': 'không thụ lý',
  resolve: 'giải quyết',
  resume: 'tiếp tục giải quyết',
  suspend: 'tạm đình chỉ',
  terminate: 'đình chỉ giải quyết',
  transfer: 'chuyển đơn',
  withdraw: 'rút đơn',
  // the act a date may not precede (`… is before the … (date)`)
  receipt: 'nhận đơn',
  'intake start': 'bắt đầu xử lý đơn',
  'last act on the case': 'thao tác gần nhất trên hồ sơ',
  suspension: 'tạm đình chỉ',
  resumption: 'tiếp tục giải quyết',
  decision: 'ra quyết định giải quyết',
  // what an inspection command is (`…: only a head of the lead unit … may`)
  'deciding an inspection': 'ra quyết định thanh tra',
  concluding: 'kết luận thanh tra',
  'issuing the directive': 'ban hành văn bản chỉ đạo',
  closing: 'kết thúc cuộc thanh tra',
  'waiving a recommendation': 'miễn thực hiện kiến nghị',
  'submitting a remediation plan': 'nộp kế hoạch khắc phục',
  'reporting progress': 'báo cáo tiến độ thực hiện kiến nghị',
};
