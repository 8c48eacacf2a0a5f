/**
 * The console's words for the API's codes: the Vietnamese labels are the server's own
 * (libs/labels, the one source the CSV, the statistics, the papers and Open311 share); what only
 * the console needs, the colours of its tags and which outcomes a decision may have, is here.
 */
export {
  ARCHIVE_REASON_LABELS,
  CHANNEL_LABELS,
  CITIZEN_STATUS_LABELS,
  DEADLINE_STATUS_LABELS,
  DIALOGUE_OUTCOME_LABELS,
  EVENT_LABELS,
  eventLabel,
  FIELD_LABELS,
  FIGURE_LABELS,
  KIND_LABELS,
  label,
  RESOLUTION_OUTCOME_LABELS,
  ROLE_LABELS,
  RULE_LABELS,
  ruleName,
  legalBasisVi,
  SESSION_STATUS_LABELS,
  STATUS_LABELS,
  UNIT_LEVEL_LABELS,
} from '../../../../libs/labels/src/index.js';

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

/** Outcomes a decision may have, by kind (docs/reference/api-contract.md, Case commands: resolve). */
export const OUTCOMES_BY_KIND: Record<string, string[]> = {
  complaint: ['upheld', 'partially_upheld', 'rejected'],
  denunciation: ['true', 'partly_true', 'untrue'],
  petition: ['answered'],
  reflection: ['answered'],
};

export const DEADLINE_STATUS_COLORS: Record<string, string> = {
  open: 'processing',
  met: 'success',
  missed: 'error',
  cancelled: 'default',
  paused: 'warning',
};
