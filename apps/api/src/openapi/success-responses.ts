import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What every operation answers when it succeeds: its status, its media types (JSON, and CSV, XLSX,
 * PDF, HTML or text where it offers them) and, for JSON, the schema of the body. Written in one place
 * next to the problem responses (problem-responses.ts), keyed by method and path, so the controllers
 * stay thin; the OpenAPI spec fails when an operation has no entry, and the end-to-end suites check
 * every successful JSON body they receive against these schemas (test/support/openapi-check.ts), so
 * the document cannot drift from what the code answers.
 *
 * The schemas name the fields a client may rely on (`required`) and their types; bodies may carry
 * more (no `additionalProperties: false`), as docs/reference/api-contract.md allows adding fields within v1.
 */

type Schema = Record<string, unknown>;

// ----- building blocks ---------------------------------------------------------------------------

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const date: Schema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const instant: Schema = { type: 'string', format: 'date-time' };
/** OpenAPI 3.0's `nullable` (an enumeration must then list null too). */
const nullable = (s: Schema): Schema =>
  Array.isArray(s.enum)
    ? { ...s, nullable: true, enum: [...(s.enum as unknown[]), null] }
    : { ...s, nullable: true };
const arr = (items: Schema): Schema => ({ type: 'array', items });
const oneOfStr = (...values: string[]): Schema => ({ type: 'string', enum: values });

/** An object: `required` fields first, then optional ones (`?` suffix on the name). */
function obj(fields: Record<string, Schema>, description?: string): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    properties[name] = schema;
    if (!optional) required.push(name);
  }
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length ? { required } : {}),
  };
}

/** Where a stream's history stops making sense (libs/application/src/common/stream-history.ts). */
const historyBreak: Schema = obj({
  version: int(),
  position: int(),
  reason: oneOfStr('hash_mismatch', 'unreadable', 'cannot_apply'),
  detail: str(),
});

/** A page of a list (docs/reference/api-contract.md "Lists": `items`, `total`, `page`, `pageSize`). */
const page = (item: Schema, extra: Record<string, Schema> = {}): Schema =>
  obj({ items: arr(item), total: int(), page: int(), pageSize: int(), ...extra });

/** Counts keyed by kind, channel, field, outcome or step (libs/application/src/statistics/statistics.figures.ts). */
const counts: Schema = { type: 'object', additionalProperties: int() };
const reportPeriod = obj({ label: str(), from: date, to: date });

const actor = obj({ id: str(), 'name?': str() });
const personRef = obj({ personId: str(), fullName: nullable(str()) });

// ----- the schemas of the answers ----------------------------------------------------------------

const SCHEMAS: Record<string, Schema> = {
  ApiKey: obj(
    {
      id: str(),
      unitId: str('the receiving unit the key files letters for'),
      label: str(),
      createdAt: instant,
      createdBy: str(),
      revokedAt: nullable(instant),
      revokedBy: nullable(str()),
      'key?': str('only in the answer that issues it (d311_…); stored as a SHA-256 hash'),
    },
    'an Open311 API key (docs/open311.md)',
  ),
  CaseRecord: obj(
    {
      format: oneOfStr('donthu.case-record'),
      formatVersion: int(),
      exportedAt: instant,
      exportedBy: obj({ id: str(), name: str(), unitId: nullable(str()) }),
      sender: obj({ unitId: nullable(str()), name: nullable(str()) }),
      receiver: obj({ unitId: str(), name: nullable(str()) }),
      identities: oneOfStr('included', 'masked'),
      case: obj({ id: str(), trackingCode: str(), status: str(), petitioners: arr(obj({})) }),
      deadlines: arr(obj({ ruleId: str(), dueOn: date, status: str() })),
      documents: arr(
        obj({ kind: str(), title: str(), on: nullable(date), 'number?': nullable(str()), 'path?': str() }),
      ),
      history: arr(
        obj({
          position: int(),
          version: int(),
          type: str(),
          businessDate: nullable(str()),
          lateEntry: bool,
          imported: bool,
          occurredAt: instant,
          recordedAt: instant,
          actor: obj({ id: str(), name: str() }),
          data: obj({}),
          hash: str(),
          prevHash: str(),
        }),
      ),
      integrity: obj({ streamId: str(), events: int(), headHash: nullable(str()) }),
    },
    "a case's full record for transfer to another unit's system (docs/exchange.md)",
  ),
  Open311Service: obj(
    {
      service_code: str(),
      service_name: str(),
      description: str(),
      metadata: bool,
      type: oneOfStr('realtime', 'batch', 'blackbox'),
      keywords: str(),
      group: str(),
    },
    'GeoReport v2 service',
  ),
  Open311ServiceDefinition: obj(
    {
      service_code: str(),
      attributes: arr(
        obj({
          variable: bool,
          code: str(),
          datatype: str(),
          required: bool,
          datatype_description: str(),
          order: int(),
          description: str(),
          'values?': arr(obj({ key: str(), name: str() })),
        }),
      ),
    },
    'GeoReport v2 service definition',
  ),
  Open311Created: obj(
    {
      service_request_id: str('the tracking code'),
      token: nullable(str("the citizen's lookup PIN, answered once")),
      service_notice: str(),
      account_id: nullable(str()),
    },
    'GeoReport v2 POST Service Request answer',
  ),
  Open311Request: obj(
    {
      service_request_id: str('the tracking code'),
      status: oneOfStr('open', 'closed'),
      status_notes: str('the status in plain Vietnamese; nothing personal'),
      service_name: str(),
      service_code: str(),
      agency_responsible: nullable(str()),
      requested_datetime: instant,
      updated_datetime: instant,
      expected_datetime: nullable(instant),
    },
    'GeoReport v2 service request: status and dates, nothing of the letter',
  ),
  Deadline: obj(
    {
      ruleId: str('the rule of docs/deadline-rules.md'),
      ruleVersion: nullable(str('the version of the rule in force on the start date; null while pending')),
      startOn: nullable(date),
      dueOn: nullable({
        ...date,
        description: 'null while the calendar of a counted year is not loaded (pending)',
      }),
      status: oneOfStr('open', 'met', 'missed', 'cancelled', 'paused', 'pending', 'untracked'),
      'graceUntil?': nullable(date),
      'accountabilityDueOn?': nullable(date),
      'accountability?': nullable(
        str('the outcome for accountability, decided over what was recorded by graceUntil'),
      ),
      'completedOn?': nullable(date),
      'completedRecordedAt?': {
        ...instant,
        description: 'when the act that completed or ended it was recorded (next to completedOn)',
      },
      'lateEntry?': bool,
      'provisional?': { ...bool, description: 'computed with provisional calendar data' },
      'pendingCalendar?': { ...bool, description: 'an XLD waiting for the calendar of its year' },
    },
    'a deadline of the case, stored with its rule id and version',
  ),
  Petitioner: obj(
    {
      fullName: str('masked (initials), or [bảo mật] for a denunciator, or [đã xóa] once erased'),
      'idNumber?': str(),
      'phone?': str(),
      'address?': str(),
      'representative?': bool,
    },
    'a petitioner as the reader may see them',
  ),
  DialogueMinutes: obj({
    dialogueId: str(),
    heldAt: date,
    'noticeOn?': nullable(date),
    'participants?': arr(str()),
    'minutes?': nullable(str()),
    outcome: str(),
  }),
  CaseView: obj(
    {
      id: str(),
      trackingCode: str(),
      kind: nullable(oneOfStr('complaint', 'denunciation', 'petition', 'reflection')),
      level: nullable(int()),
      status: str('docs/reference/api-contract.md "Case statuses"'),
      receivingUnitId: str(),
      competentUnitId: nullable(str()),
      handlerId: nullable(str()),
      receivedAt: date,
      acceptedAt: nullable(date),
      version: int('the stream version: send it back as If-Match'),
      deadlines: arr(ref('Deadline')),
      subject: str(),
      channel: str(),
      dialogues: int('how many dialogues were held'),
      petitioners: arr(ref('Petitioner')),
      'disciplinary?': bool,
      'dates?': arr(obj({ ruleId: str(), dueOn: date })),
      'previousCaseId?': nullable(str()),
      'decidedAt?': nullable(date),
      'outcome?': nullable(str()),
      'untracked?': bool,
      'anonymous?': bool,
      'deadlineBasis?': arr(obj({ ruleId: str(), length: int(), unit: str(), legalBasis: str() })),
      'content?': nullable(str('the letter, or [bảo mật] for those who may not read it')),
      'field?': nullable(str()),
      'signerCount?': nullable(int()),
      'forwardedBy?': nullable(str()),
      'registryNo?': nullable(str()),
      'decision?': nullable(
        obj(
          { decidedAt: date, decisionNo: nullable(str()), outcome: str(), summary: str() },
          'the resolution decision, once the case is resolved',
        ),
      ),
      'dialogueMinutes?': arr(ref('DialogueMinutes')),
    },
    'the case dossier as the reader may see it',
  ),
  CaseCommandResult: {
    allOf: [ref('CaseView'), obj({ position: int('the global position of the last event written') })],
  },
  Receipt: obj(
    {
      trackingCode: str(),
      receivedAt: date,
      receivingUnitId: str(),
      receivingUnitName: nullable(str()),
      subject: str(),
      answerBy: nullable(date),
      lookupUrl: str(),
      lookupPin: nullable(str('returned once, here; stored only as a hash')),
    },
    'the receipt (giấy biên nhận)',
  ),
  Registered: obj({
    id: str(),
    trackingCode: str(),
    version: int(),
    position: int(),
    status: str(),
    receipt: ref('Receipt'),
  }),
  CaseListItem: obj({
    id: str(),
    trackingCode: str(),
    kind: nullable(str()),
    level: nullable(int()),
    status: str(),
    channel: str(),
    receivingUnitId: str(),
    competentUnitId: nullable(str()),
    handlerId: nullable(str()),
    receivedAt: date,
    subject: str(),
    version: int(),
    'field?': nullable(str()),
    'acceptedAt?': nullable(date),
    'decidedAt?': nullable(date),
    'petitionerCount?': int(),
    'nextDueOn?': nullable(date),
    'nextRuleId?': nullable(str()),
  }),
  StreamEvent: obj({
    position: int(),
    version: int(),
    type: str(),
    occurredAt: nullable(instant),
    recordedAt: nullable(instant),
    'actor?': nullable(actor),
    data: { description: "the event's data (identities sealed, letters never in clear)" },
  }),
  AuditHistory: obj(
    {
      events: arr({
        allOf: [ref('StreamEvent'), obj({ hash: str(), prevHash: str(), streamId: str(), eventId: str() })],
      }),
      damaged: nullable(
        obj(
          {
            version: int(),
            position: int(),
            reason: oneOfStr('hash_mismatch', 'unreadable', 'cannot_apply'),
            detail: str(),
          },
          'the first break of a damaged stream, or null',
        ),
      ),
    },
    "a stream's events exactly as stored, with the first break marked",
  ),
  History: obj(
    {
      events: arr({
        allOf: [
          ref('StreamEvent'),
          obj({
            hash: str(),
            prevHash: str(),
            'businessDate?': nullable(date),
            'lateEntry?': bool,
            'imported?': bool,
          }),
        ],
      }),
      'damaged?': nullable(historyBreak),
    },
    'every event of the stream, oldest first; with a damaged event, as stored and with the break marked',
  ),
  DialogueItem: obj({ dialogueId: str(), heldAt: date, outcome: str(), 'noticeOn?': nullable(date) }),
  Disclosure: obj({
    position: int(),
    at: instant,
    recordedAt: instant,
    disclosedTo: obj({ id: str(), 'name?': str(), 'roles?': arr(str()), 'unitId?': nullable(str()) }),
    reasonCode: nullable(str()),
    reason: str(),
    'document?': nullable(str()),
  }),
  Identities: obj({
    caseId: str(),
    items: arr(
      obj({
        personRef: str(),
        fullName: str(),
        'idNumber?': nullable(str()),
        'phone?': nullable(str()),
        'address?': nullable(str()),
        representative: bool,
        'erased?': bool,
      }),
    ),
  }),
  OverdueItem: obj({
    caseId: str(),
    trackingCode: str(),
    ruleId: str(),
    dueOn: date,
    daysOverdue: int(),
    unitId: str(),
    headOfUnit: nullable(personRef),
    handlerId: nullable(str()),
    'lateEntry?': bool,
  }),
  UpcomingItem: obj({
    caseId: str(),
    trackingCode: str(),
    ruleId: str(),
    dueOn: date,
    daysLeft: int(),
    unitId: str(),
    headOfUnit: nullable(personRef),
    handlerId: nullable(str()),
  }),
  UnclassifiedItem: obj({
    caseId: str(),
    trackingCode: str(),
    receivedAt: date,
    ageWorkingDays: nullable(int()),
    xldDueOn: nullable(date),
    receivingUnitId: str(),
  }),
  LateEntry: obj({
    streamId: str(),
    type: str(),
    businessDate: date,
    recordedAt: instant,
    workingDaysLate: int(),
    'actor?': nullable(actor),
    unitId: nullable(str()),
    'caseId?': nullable(str()),
    'trackingCode?': nullable(str()),
  }),
  AccountabilityRow: obj({
    personId: nullable(str()),
    fullName: nullable(str()),
    unitId: str(),
    from: date,
    to: date,
    due: int(),
    met: int(),
    missed: int(),
    open: int(),
    onTimeRate: nullable(num),
    'termFrom?': nullable(date),
    'termTo?': nullable(date),
    'acting?': bool,
    'lateEntries?': int(),
    'imported?': int(),
    'reportsDue?': int(),
    'reportsMissed?': int(),
    'receptionRequired?': int(),
    'receptionHeld?': int(),
    'dialoguesHeld?': int(),
  }),
  ReceptionDutyRow: obj({
    personId: nullable(str()),
    fullName: nullable(str()),
    unitId: str(),
    from: date,
    to: date,
    period: str('month, or iso_week for commune chairs where the agency says so'),
    required: int(),
    held: int(),
    missing: int(),
    missingPeriods: arr(str()),
    'acting?': bool,
    'level?': str(),
    'termFrom?': nullable(date),
    'termTo?': nullable(date),
    'heldLate?': int(),
  }),
  Unit: obj({
    name: str(),
    level: str(),
    parentId: nullable(str()),
    status: str(),
    id: str(),
    from: date,
    ceasedOn: nullable(date),
    successorId: nullable(str()),
    'createdAt?': date,
    'mergedInto?': nullable(str()),
    'mergedOn?': nullable(date),
    'head?': nullable(obj({ personId: str(), fullName: nullable(str()), 'acting?': bool })),
    'heads?': arr(
      obj({ personId: str(), fullName: nullable(str()), 'acting?': bool, from: date, 'to?': nullable(date) }),
    ),
    'names?': arr(obj({ name: str(), from: date })),
    'mergesInto?': nullable(
      obj({ unitId: str(), effectiveOn: date }, 'a merger scheduled ahead (within scope only)'),
    ),
    'delegates?': arr(
      obj(
        { headPersonId: str(), delegateId: str(), from: date, to: nullable(date) },
        'who may record reception holds as that head’s own',
      ),
    ),
    'version?': int(),
    'position?': int(),
  }),
  ReceptionSession: obj({
    id: str(),
    unitId: str(),
    hostPersonId: str('the actual host once held, else the planned host'),
    date: date,
    status: oneOfStr('scheduled', 'held', 'cancelled', 'voided'),
    'plannedHostPersonId?': str(),
    'kind?': str(),
    'mode?': str(),
    'heldOn?': nullable(date),
    'citizensReceived?': nullable(int()),
    'caseIds?': arr(str()),
    'recordedBy?': nullable(obj({ id: str(), name: str() }, 'who entered the hold or its latest correction')),
    'countsAsHeads?': bool,
    'lateEntry?': bool,
    'workingDaysLate?': nullable(int()),
    'headPersonId?': nullable(str()),
    'held?': nullable(obj({})),
    'cancelReason?': nullable(str()),
    'version?': int(),
    'position?': int(),
  }),
  Recommendation: obj({
    id: str(),
    text: str(),
    ownerUnitId: str(),
    status: str(),
    'dueOn?': nullable(date),
    'reportEvery?': nullable(str()),
    'reportDates?': nullable(arr(date)),
    'doneOn?': nullable(date),
    'waivedOn?': nullable(date),
    'waiveReason?': nullable(str()),
    'plans?': arr(obj({ submittedOn: date, actions: arr(str()) })),
    'reports?': arr(obj({ reportedOn: date, progress: str(), done: bool })),
    'moves?': arr(obj({ fromUnitId: str(), toUnitId: str(), effectiveOn: date })),
    'followUp?': obj(
      {
        asOf: date,
        nextReportDue: nullable(date),
        overdue: bool,
        overdueReports: int(),
        remediationOverdue: bool,
      },
      'the report schedule judged as of today (docs/inspections.md, The report schedule)',
    ),
  }),
  Inspection: obj({
    id: str(),
    title: str(),
    kind: str(),
    leadUnitId: str(),
    inspectedUnitId: str(),
    decidedOn: date,
    status: str(),
    conclusion: nullable(
      obj({
        concludedOn: date,
        summary: str(),
        directiveDueOn: date,
        directive: nullable(obj({ issuedOn: date, outcome: oneOfStr('met', 'missed') })),
      }),
    ),
    recommendations: arr(ref('Recommendation')),
    'fieldworkStartedOn?': nullable(date),
    'closedOn?': nullable(date),
    'version?': int(),
    'position?': int(),
  }),
  FollowUpItem: obj({
    inspectionId: str(),
    recommendationId: str(),
    ownerUnitId: str(),
    status: str(),
    nextReportDue: nullable(date),
    overdue: bool,
    'overdueReports?': int(),
    'remediationDueOn?': nullable(date),
    'remediationOverdue?': bool,
    'title?': str(),
    'text?': str(),
    'leadUnitId?': str(),
    'inspectedUnitId?': str(),
    'concludedOn?': date,
    'reportEvery?': nullable(str()),
    'reportDates?': nullable(arr(date)),
    'lastReportOn?': nullable(date),
  }),
  InspectionListItem: obj({
    id: str(),
    title: str(),
    kind: str('inspection, check or survey'),
    leadUnitId: str(),
    inspectedUnitId: str(),
    status: str('decided, fieldwork, concluded or closed'),
    decidedOn: date,
    concludedOn: nullable(date),
    directiveIssuedOn: nullable(date),
    closedOn: nullable(date),
    recommendations: int('recommendations of the conclusion'),
    openRecommendations: int('recommendations neither done nor waived'),
  }),
  StatisticsFigures: obj(
    {
      received: obj({ total: int(), byKind: counts, byChannel: counts, byField: counts }),
      processed: counts,
      resolved: obj({
        total: int(),
        byOutcome: counts,
        onTime: int(),
        late: int(),
        withoutDeadline: int(),
        lateEntries: int(),
      }),
      openAtEnd: obj({ total: int(), overdue: int() }),
      dialoguesHeld: int(),
      reception: obj({ sessionsHeld: int(), headSessionsHeld: int(), citizensReceived: int() }),
      openAtStart: obj({ total: int() }),
    },
    'the figures of docs/statistics.md for a set of units and one period',
  ),
  StatisticsReport: {
    description: 'the figures of docs/statistics.md for one unit and period',
    allOf: [
      ref('StatisticsFigures'),
      obj({
        period: reportPeriod,
        unitId: str(),
        unitName: str(),
        previous: { allOf: [ref('StatisticsFigures'), obj({ period: reportPeriod }, 'the period before')] },
        yearEarlier: {
          allOf: [ref('StatisticsFigures'), obj({ period: reportPeriod }, 'the same period a year earlier')],
        },
        units: arr({
          allOf: [
            ref('StatisticsFigures'),
            obj(
              { unitId: str(), unitName: str(), 'own?': bool },
              'each direct subunit (with the units below it), then the unit itself (own)',
            ),
          ],
        }),
        'includeSubunits?': bool,
        'asOf?': date,
        'recordedBefore?': nullable(instant),
      }),
    ],
  },
  StatisticsCase: obj({
    unitId: str(),
    businessDate: date,
    'caseId?': nullable(str()),
    'sessionId?': nullable(str()),
    'trackingCode?': nullable(str()),
    'kind?': nullable(str()),
  }),
  Verification: obj({
    ok: bool,
    'events?': int(),
    'headHash?': nullable(str()),
    'brokenAt?': obj({ version: int(), 'position?': int() }),
  }),
  Erasure: obj({ personRef: str(), erased: bool, 'alreadyErased?': bool }),
  PublicCase: obj(
    {
      trackingCode: str(),
      status: str('in plain words'),
      receivedAt: nullable(date),
      handlingUnitName: nullable(str()),
      nextDueOn: nullable(date),
    },
    'what a citizen may read of their case: nothing personal',
  ),
  Liveness: obj({ status: oneOfStr('ok'), 'role?': str('worker: the worker process answers') }),
  Health: obj(
    {
      status: oneOfStr('ok', 'degraded', 'error'),
      eventStore: obj({
        headPosition: nullable(
          int('the global position of the last event; null when the database does not answer'),
        ),
      }),
      projections: {
        type: 'object',
        description: 'by projection name',
        additionalProperties: obj({
          lag: nullable(int('events the projection has not applied yet; null when unknown')),
          'failing?': obj(
            { position: str(), streamId: str(), error: str('a stable code such as INVALID_DATE') },
            'parked on an event it cannot apply',
          ),
        }),
      },
      'processes?': {
        type: 'object',
        description: 'background processes (unit merger, deadline watcher, erasure, relay) by name',
        additionalProperties: obj({
          lastSuccessAt: nullable(instant),
          failing: nullable(obj({ since: instant, 'failures?': int(), error: str() })),
        }),
      },
      'relay?': obj({ lag: nullable(int('events not yet published to Kafka')) }),
    },
    "readiness: the event store head, each projection's lag, failing processes",
  ),
};

// ----- the operations ----------------------------------------------------------------------------

interface Success {
  status: number;
  description: string;
  json?: Schema;
  /** Other media types the operation answers (by `Accept`, or only). */
  media?: readonly string[];
  /** When true, the operation answers only `media` (no JSON). */
  only?: boolean;
}

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

const caseCommand = (what: string): Success => ({
  status: 200,
  description: `${what}: the case as the reader may see it, with the position of the last event`,
  json: ref('CaseCommandResult'),
});
const inspectionCommand = (what: string): Success => ({
  status: 200,
  description: `${what}: the inspection, with the position of the last event`,
  json: ref('Inspection'),
});
const sessionCommand = (what: string): Success => ({
  status: 200,
  description: `${what}: the session, with the position of the last event`,
  json: ref('ReceptionSession'),
});

/** An Open311 resource in its two formats (docs/open311.md): `<path>.json` and `<path>.xml`. */
const open311 = (
  path: string,
  status: number,
  description: string,
  json: Schema,
): Record<string, Success> => ({
  [`${path}.json`]: { status, description, json },
  [`${path}.xml`]: {
    status,
    description: `${description} (GeoReport v2 XML)`,
    media: ['text/xml'],
    only: true,
  },
});

const SUCCESS: Record<string, Success> = {
  'get /health/live': { status: 200, description: 'the process answers', json: ref('Liveness') },
  'get /health/ready': { status: 200, description: 'the database answers', json: ref('Health') },
  'get /health': {
    status: 200,
    description: 'ok or degraded (parked projections, failing processes)',
    json: ref('Health'),
  },
  'get /metrics': {
    status: 200,
    description: 'Prometheus text exposition',
    media: ['text/plain'],
    only: true,
  },

  'post /api/v1/units': { status: 201, description: 'the unit created', json: ref('Unit') },
  'get /api/v1/units': {
    status: 200,
    description: 'every unit; heads, delegates and mergesInto only for those in scope',
    json: page(ref('Unit')),
  },
  'get /api/v1/units/{id}': {
    status: 200,
    description: 'the unit with its names and heads over time',
    json: ref('Unit'),
  },
  'patch /api/v1/units/{id}': { status: 200, description: 'the unit renamed', json: ref('Unit') },
  'post /api/v1/units/{id}/heads': {
    status: 201,
    description: 'the unit with its new head',
    json: ref('Unit'),
  },
  'post /api/v1/units/{id}/merge': {
    status: 200,
    description: 'the unit as merged (or scheduled)',
    json: ref('Unit'),
  },
  'post /api/v1/units/{id}/merge/cancel': {
    status: 200,
    description: 'the unit, its scheduled merger withdrawn',
    json: ref('Unit'),
  },
  'post /api/v1/units/{id}/heads/{personId}/delegates': {
    status: 201,
    description: 'the unit with the head’s delegates',
    json: ref('Unit'),
  },
  'delete /api/v1/units/{id}/heads/{personId}/delegates/{delegateId}': {
    status: 200,
    description: 'the unit, the delegation ended from today',
    json: ref('Unit'),
  },

  'post /api/v1/cases': {
    status: 201,
    description: 'the case registered, with its receipt',
    json: ref('Registered'),
  },
  'get /api/v1/cases': {
    status: 200,
    description: 'the cases in scope (CSV with Accept: text/csv)',
    json: page(ref('CaseListItem')),
    media: [CSV],
  },
  'get /api/v1/cases/{id}': {
    status: 200,
    description: 'the case dossier (as of asOf / recordedBefore)',
    json: ref('CaseView'),
  },
  'get /api/v1/cases/{id}/history': { status: 200, description: "the case's events", json: ref('History') },
  'get /api/v1/cases/{id}/dialogues': {
    status: 200,
    description: 'the dialogues held',
    json: page(ref('DialogueItem')),
  },
  'get /api/v1/cases/{id}/petitioners': {
    status: 200,
    description: 'the identities in clear (a disclosure, recorded)',
    json: ref('Identities'),
  },
  'get /api/v1/cases/{id}/disclosures': {
    status: 200,
    description: 'who saw the identities, when and why',
    json: page(ref('Disclosure')),
  },
  'post /api/v1/cases/{id}/pin': {
    status: 200,
    description: 'a new lookup PIN (the receipt with it, returned once)',
    json: obj({
      trackingCode: str(),
      lookupPin: nullable(str('returned once; a replay of the request answers null')),
      lookupUrl: str(),
      version: int(),
      position: int(),
    }),
  },
  'post /api/v1/cases/{id}/dialogues': caseCommand('the dialogue recorded'),
  'post /api/v1/cases/{id}/classify': caseCommand('classified'),
  'post /api/v1/cases/{id}/reclassify': caseCommand('reclassified'),
  'post /api/v1/cases/{id}/amend': caseCommand('amended'),
  'post /api/v1/cases/{id}/accept': caseCommand('accepted'),
  'post /api/v1/cases/{id}/reject': caseCommand('not accepted'),
  'post /api/v1/cases/{id}/guide': caseCommand('guided'),
  'post /api/v1/cases/{id}/archive': caseCommand('archived'),
  'post /api/v1/cases/{id}/transfer': caseCommand('transferred'),
  'post /api/v1/cases/{id}/assign': caseCommand('assigned'),
  'post /api/v1/cases/{id}/extend': caseCommand('extended'),
  'post /api/v1/cases/{id}/suspend': caseCommand('suspended'),
  'post /api/v1/cases/{id}/resume': caseCommand('resumed'),
  'post /api/v1/cases/{id}/resolve': caseCommand('resolved'),
  'post /api/v1/cases/{id}/withdraw': caseCommand('withdrawn'),
  'post /api/v1/cases/{id}/terminate': caseCommand('terminated'),
  'post /api/v1/cases/{id}/close': caseCommand('closed'),
  'get /api/v1/cases/{id}/documents/{file}': {
    status: 200,
    description: 'the official paper, generated on request',
    media: [PDF],
    only: true,
  },
  'post /api/v1/cases/{id}/documents/receipt.pdf': {
    status: 200,
    description: 'the receipt with the lookup PIN and its QR code (from the answer that holds the PIN)',
    media: [PDF],
    only: true,
  },

  'get /api/v1/deadlines/overdue': {
    status: 200,
    description: 'open deadlines past due (CSV with Accept: text/csv)',
    json: page(ref('OverdueItem')),
    media: [CSV],
  },
  'get /api/v1/deadlines/upcoming': {
    status: 200,
    description: 'open deadlines due soon',
    json: page(ref('UpcomingItem')),
  },
  'get /api/v1/deadlines/unclassified': {
    status: 200,
    description: 'letters nobody has classified, by age',
    json: page(ref('UnclassifiedItem')),
  },
  'get /api/v1/late-entries': {
    status: 200,
    description: 'acts recorded after their grace',
    json: page(ref('LateEntry')),
  },
  'get /api/v1/accountability': {
    status: 200,
    description: "each head's figures (CSV with Accept: text/csv)",
    json: obj({ items: arr(ref('AccountabilityRow')) }),
    media: [CSV],
  },
  'get /api/v1/reception-duty': {
    status: 200,
    description: "each head's reception sessions against the law's minimum (CSV with Accept: text/csv)",
    json: obj({ items: arr(ref('ReceptionDutyRow')) }),
    media: [CSV],
  },

  'post /api/v1/reception-sessions': {
    status: 201,
    description: 'the session scheduled (or recorded)',
    json: ref('ReceptionSession'),
  },
  'get /api/v1/reception-sessions/{id}': {
    status: 200,
    description: 'the session',
    json: ref('ReceptionSession'),
  },
  'post /api/v1/reception-sessions/{id}/hold': sessionCommand('held'),
  'post /api/v1/reception-sessions/{id}/cancel': sessionCommand('cancelled'),
  'post /api/v1/reception-sessions/{id}/correct': sessionCommand('corrected'),
  'get /api/v1/reception-sessions': {
    status: 200,
    description: 'the schedule: sessions of a unit and the units below it, by date',
    json: page(ref('ReceptionSession')),
  },
  'get /api/v1/inspections/{id}/history': {
    status: 200,
    description: 'every event of the inspection, as a case’s history',
    json: ref('History'),
  },
  'get /api/v1/reception-sessions/{id}/history': {
    status: 200,
    description: 'every event of the session, as a case’s history',
    json: ref('History'),
  },

  'get /api/v1/statistics': {
    status: 200,
    description: 'the report (CSV or XLSX by Accept)',
    json: ref('StatisticsReport'),
    media: [CSV, XLSX],
  },
  'get /api/v1/statistics/cases': {
    status: 200,
    description: 'the cases behind one figure',
    json: page(ref('StatisticsCase')),
  },

  'post /api/v1/inspections': { status: 201, description: 'the inspection decided', json: ref('Inspection') },
  'get /api/v1/inspections': {
    status: 200,
    description: 'the inspections of the unit (and its subunits), newest decision first',
    json: page(ref('InspectionListItem')),
  },
  'get /api/v1/inspections/follow-up': {
    status: 200,
    description: 'recommendations and their reports, with what is overdue',
    json: page(ref('FollowUpItem'), { 'asOf?': date }),
  },
  'get /api/v1/inspections/{id}': { status: 200, description: 'the inspection', json: ref('Inspection') },
  'post /api/v1/inspections/{id}/conclusion': inspectionCommand('concluded'),
  'post /api/v1/inspections/{id}/directive': inspectionCommand('directive issued'),
  'post /api/v1/inspections/{id}/recommendations/{rid}/plan': inspectionCommand('plan submitted'),
  'post /api/v1/inspections/{id}/recommendations/{rid}/reports': inspectionCommand('progress reported'),
  'post /api/v1/inspections/{id}/recommendations/{rid}/waive': inspectionCommand('waived'),
  'post /api/v1/inspections/{id}/close': inspectionCommand('closed'),

  'get /api/v1/audit/streams/{streamId}/history': {
    status: 200,
    description: "the stream's events as stored, readable even when one is damaged",
    json: ref('AuditHistory'),
  },
  'get /api/v1/audit/streams/{streamId}/verify': {
    status: 200,
    description: 'the hash chain checked; brokenAt names the first break',
    json: ref('Verification'),
  },
  'post /api/v1/admin/persons/{personRef}/erase': {
    status: 200,
    description: "the person's key destroyed",
    json: ref('Erasure'),
  },

  'get /api/v1/cases/{id}/record': {
    status: 200,
    description: "the case's record for another unit's system (docs/exchange.md)",
    json: ref('CaseRecord'),
  },
  'post /api/v1/admin/api-keys': {
    status: 201,
    description: 'the key, shown in this answer only',
    json: ref('ApiKey'),
  },
  'get /api/v1/admin/api-keys': {
    status: 200,
    description: 'the keys (never the keys themselves)',
    json: obj({ items: arr(ref('ApiKey')) }),
  },
  'post /api/v1/admin/api-keys/{id}/revoke': {
    status: 200,
    description: 'the key, revoked',
    json: ref('ApiKey'),
  },
  ...open311('get /open311/v2/services', 200, 'the services', arr(ref('Open311Service'))),
  ...open311(
    'get /open311/v2/services/{code}',
    200,
    'the service definition',
    ref('Open311ServiceDefinition'),
  ),
  ...open311('post /open311/v2/requests', 201, 'the request filed', arr(ref('Open311Created'))),
  ...open311('get /open311/v2/requests', 200, 'the requests this key filed', arr(ref('Open311Request'))),
  ...open311('get /open311/v2/requests/{id}', 200, 'one request this key filed', arr(ref('Open311Request'))),
  'get /api/v1/public/cases/{trackingCode}': {
    status: 200,
    description: "the case's status for the citizen holding its PIN",
    json: ref('PublicCase'),
  },
};

/** The operations of the document that have no success description here (the OpenAPI spec lists them). */
export function undescribedOperations(doc: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of ['get', 'post', 'put', 'patch', 'delete'])
      if ((item as Record<string, unknown>)[method] && !hasSuccess(item, method))
        missing.push(`${method} ${path}`);
  return missing;
}

function hasSuccess(item: object, method: string): boolean {
  const op = (item as Record<string, { responses?: Record<string, { content?: object }> }>)[method];
  // A redirect (the OpenID Connect sign-in's steps) succeeds with no body: its Location says where.
  return Object.entries(op.responses ?? {}).some(
    ([s, r]) => (/^2/.test(s) && r.content && Object.keys(r.content).length > 0) || /^30[237]$/.test(s),
  );
}

/** Writes the success responses and their schemas into `doc` (in place). */
export function describeSuccesses(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  Object.assign(doc.components.schemas, SCHEMAS);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, { responses?: Record<string, unknown> } | undefined>)[method];
      const success = SUCCESS[`${method} ${path}`];
      if (!op || !success) continue;
      op.responses ??= {};
      // Nest documents a default 200/201 without content: the entry here replaces it.
      for (const status of Object.keys(op.responses))
        if (/^2/.test(status) && status !== String(success.status)) delete op.responses[status];
      const content: Record<string, { schema: Schema }> = {};
      if (!success.only) content['application/json'] = { schema: success.json ?? obj({}) };
      for (const media of success.media ?? [])
        content[media] = {
          schema: media === 'text/plain' || media === CSV ? str() : { type: 'string', format: 'binary' },
        };
      const existing = op.responses[String(success.status)] as { headers?: object } | undefined;
      op.responses[String(success.status)] = {
        ...(existing?.headers ? { headers: existing.headers } : {}),
        description: success.description,
        content,
      };
    }
  }
  return doc;
}
