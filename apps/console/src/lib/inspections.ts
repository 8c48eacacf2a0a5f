import type { Schema } from '../api/client';
import type { User } from '../auth/session';

/** The inspection view (docs/inspections.md): the decision, the conclusion, the recommendations. */
export type Inspection = Schema<'Inspection'>;
export type Recommendation = Schema<'Recommendation'>;

export const INSPECTION_KIND_LABELS: Record<string, string> = {
  inspection: 'Thanh tra',
  check: 'Kiểm tra',
  survey: 'Khảo sát',
};

export const INSPECTION_STATUS_LABELS: Record<string, string> = {
  decided: 'Đã quyết định',
  fieldwork: 'Đang tiến hành',
  concluded: 'Đã kết luận',
  closed: 'Đã kết thúc',
};

export const INSPECTION_STATUS_COLORS: Record<string, string> = {
  decided: 'blue',
  fieldwork: 'purple',
  concluded: 'orange',
  closed: 'default',
};

export const RECOMMENDATION_STATUS_LABELS: Record<string, string> = {
  open: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  waived: 'Không phải thực hiện tiếp',
};

export const REPORT_EVERY_LABELS: Record<string, string> = {
  '3m': '3 tháng một lần',
  '6m': '6 tháng một lần',
  '12m': '12 tháng một lần',
};

export const INSPECTION_EVENT_LABELS: Record<string, string> = {
  InspectionDecided: 'Quyết định thanh tra, kiểm tra',
  FieldworkStarted: 'Bắt đầu tiến hành',
  InspectionConcluded: 'Ban hành kết luận',
  DirectiveIssued: 'Chỉ đạo thực hiện kết luận',
  RemediationPlanSubmitted: 'Nộp kế hoạch khắc phục',
  ProgressReported: 'Báo cáo tiến độ',
  RecommendationWaived: 'Không yêu cầu thực hiện tiếp kiến nghị',
  RecommendationMoved: 'Chuyển kiến nghị do sáp nhập đơn vị',
  InspectionClosed: 'Kết thúc theo dõi',
};

/** The recommendation's report schedule in words. */
export function reportScheduleText(
  r: Pick<Recommendation, 'reportEvery' | 'reportDates'>,
  format: (d: string) => string,
): string {
  if (r.reportEvery) return REPORT_EVERY_LABELS[r.reportEvery] ?? r.reportEvery;
  if (r.reportDates?.length) return `Vào các ngày ${r.reportDates.map(format).join(', ')}`;
  return 'Không định kỳ';
}

/** Whether `unitId` is `ancestorId` or a unit below it, following the units' parents. */
export function isWithin(
  units: readonly { id: string; parentId?: string | null }[],
  ancestorId: string | null,
  unitId: string,
): boolean {
  if (!ancestorId) return false;
  const parent = new Map(units.map((u) => [u.id, u.parentId ?? null]));
  const seen = new Set<string>();
  for (let u: string | null = unitId; u && !seen.has(u); u = parent.get(u) ?? null) {
    if (u === ancestorId) return true;
    seen.add(u);
  }
  return false;
}

/**
 * What the user may do on an inspection (docs/inspections.md, Roles and scope): `lead` — decide,
 * conclude, issue the directive, waive, close — for a head whose scope covers the lead unit, or an
 * admin; `report(ownerUnitId)` — submit a plan or report progress — for a handler or head whose scope
 * covers the recommendation's owner unit. The API checks it again.
 */
export function inspectionRights(
  user: Pick<User, 'roles' | 'unitId'>,
  units: readonly { id: string; parentId?: string | null }[],
) {
  const admin = user.roles.includes('admin');
  const head = user.roles.includes('head');
  const reporter = head || user.roles.includes('handler');
  return {
    /** May decide an inspection led by some unit (the form's choice of lead units). */
    decide: admin || head,
    lead: (leadUnitId: string) => admin || (head && isWithin(units, user.unitId, leadUnitId)),
    report: (ownerUnitId: string) => reporter && isWithin(units, user.unitId, ownerUnitId),
  };
}
