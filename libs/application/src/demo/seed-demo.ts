import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { addDays, vietnamDateOf } from '../../../domain/src/index.js';
import type { Runtime } from '../../../runtime/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { AcceptCase } from '../cases/case.commands.js';
import { ACT_COLUMNS, DATE_COLUMN, type ImportActName } from '../import/import.plan.js';
import { ImportHistoryMessage } from '../import/import.commands.js';
import { ImportService } from '../import/import.service.js';
import { ConcludeInspection, DecideInspection } from '../inspections/inspection.commands.js';
import { HoldSession, ScheduleSession } from '../reception/reception.commands.js';
import type { RegisterCaseInput } from '../cases/case.inputs.js';
import { RUNTIME } from '../runtime.tokens.js';
import { AppointHead, CreateUnit } from '../units/unit.commands.js';

/** Seed only into an empty store: on the embedded database, or with DONTHU_DEMO=1 on a server. */
export async function shouldSeedDemo(runtime: Runtime, force = false): Promise<boolean> {
  if (!force && !runtime.database.embedded && !runtime.config.demo) return false;
  return (await runtime.store.headPosition()) === '0';
}

const UNITS = [
  { id: 'nb', name: 'UBND tỉnh Ninh Bình', level: 'province', head: ['ct-nb', 'Trần Minh Đức'] },
  {
    id: 'nb-stnmt',
    name: 'Sở Nông nghiệp và Môi trường',
    level: 'department',
    parentId: 'nb',
    head: ['gd-stnmt', 'Lê Thị Hạnh'],
  },
  {
    id: 'nb-sxd',
    name: 'Sở Xây dựng',
    level: 'department',
    parentId: 'nb',
    head: ['gd-sxd', 'Phạm Quốc Toàn'],
  },
  { id: 'nb-tt', name: 'Thanh tra tỉnh', level: 'agency', parentId: 'nb', head: ['ctt-nb', 'Vũ Văn Khải'] },
  {
    id: 'nb-giavien',
    name: 'UBND xã Gia Viễn',
    level: 'commune',
    parentId: 'nb',
    head: ['ct-gv', 'Đinh Công Lý'],
  },
  {
    id: 'nb-hoalu',
    name: 'UBND phường Hoa Lư',
    level: 'commune',
    parentId: 'nb',
    head: ['ct-hl', 'Nguyễn Thu Trang'],
  },
] as const;

const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bích',
  'Lê Hoàng Nam',
  'Phạm Thị Dung',
  'Hoàng Văn Em',
  'Vũ Thị Giang',
  'Đặng Quang Huy',
  'Bùi Thị Lan',
];
/** Letters of each kind, so a demo case's subject always matches the kind it is classified as. */
type Letter = [NonNullable<RegisterCaseInput['field']>, string, string];
const SUBJECTS: Record<'complaint' | 'denunciation' | 'petition' | 'reflection', Letter[]> = {
  complaint: [
    [
      'land',
      'Khiếu nại quyết định thu hồi đất',
      'Gia đình tôi không đồng ý với quyết định thu hồi đất và mức bồi thường.',
    ],
    [
      'compensation',
      'Khiếu nại về bồi thường, hỗ trợ tái định cư',
      'Đề nghị xem xét lại phương án bồi thường đối với thửa đất của gia đình.',
    ],
    [
      'site_clearance',
      'Khiếu nại về giải phóng mặt bằng',
      'Không đồng ý với việc cưỡng chế giải phóng mặt bằng dự án đường tỉnh.',
    ],
  ],
  denunciation: [
    [
      'corruption',
      'Tố cáo hành vi nhận tiền khi giải quyết thủ tục',
      'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định để cấp giấy chứng nhận.',
    ],
    [
      'land',
      'Tố cáo việc lấn chiếm đất công',
      'Một hộ dân xây dựng lấn chiếm đất hành lang giao thông, chính quyền không xử lý.',
    ],
  ],
  petition: [
    [
      'housing',
      'Kiến nghị về cấp phép xây dựng',
      'Đề nghị hướng dẫn thủ tục cấp phép xây dựng nhà ở riêng lẻ.',
    ],
    [
      'land',
      'Kiến nghị cấp giấy chứng nhận quyền sử dụng đất',
      'Đề nghị sớm cấp giấy chứng nhận cho thửa đất đã nộp hồ sơ từ năm trước.',
    ],
  ],
  reflection: [
    [
      'policy',
      'Phản ánh về chính sách hỗ trợ người có công',
      'Phản ánh việc chậm chi trả trợ cấp cho gia đình chính sách.',
    ],
    [
      'other',
      'Phản ánh tình trạng ô nhiễm tại cụm công nghiệp',
      'Khói bụi từ cụm công nghiệp ảnh hưởng đến sức khỏe người dân trong thôn.',
    ],
  ],
};

/** The acts a demo step takes, as the HTTP routes name them. */
type CaseAction =
  | 'classify'
  | 'accept'
  | 'reject'
  | 'guide'
  | 'archive'
  | 'transfer'
  | 'assign'
  | 'extend'
  | 'suspend'
  | 'resume'
  | 'dialogues'
  | 'resolve'
  | 'withdraw'
  | 'terminate'
  | 'close';

type Step = [CaseAction, Record<string, unknown>];

/** The import act of each step the demo takes (docs/import.md). */
const ACT_OF: Partial<Record<CaseAction, ImportActName>> = {
  classify: 'classify',
  accept: 'accept',
  reject: 'reject',
  guide: 'guide',
  archive: 'archive',
  transfer: 'transfer',
  assign: 'assign',
  extend: 'extend',
  suspend: 'suspend',
  resume: 'resume',
  resolve: 'resolve',
  withdraw: 'withdraw',
  terminate: 'terminate',
  close: 'close',
};

const DEMO_IMPORT_COLUMNS = [
  'externalId',
  'act',
  ...new Set(
    (Object.keys(ACT_COLUMNS) as ImportActName[]).flatMap((a) => [
      ...(DATE_COLUMN[a] ? [DATE_COLUMN[a]!] : []),
      ...ACT_COLUMNS[a],
    ]),
  ),
];

const csvCell = (v: unknown): string => {
  const text = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The reason every imported demo event carries. */
export const DEMO_IMPORT_REASON = 'Dữ liệu minh họa: hồ sơ đã xử lý trước khi dùng donthu';

/**
 * A small, realistic organisation (a province with departments and communes, heads appointed) and a
 * few dozen cases in every state, some overdue. The organisation is written through the use cases
 * (the services the HTTP API calls); the cases' history — every act dated before today — comes in
 * through the import (docs/import.md), as an agency's history before donthu would, so the demo's
 * accountability figures count by business dates instead of being all late entries. One acceptance
 * is then typed in late on purpose (a late entry to show in a case view and in `/late-entries`).
 * `app` is any Nest application context holding the ApplicationModule (the API's, or the CLI's own).
 */
export async function seedDemo(
  app: Pick<INestApplicationContext, 'get'>,
): Promise<{ units: number; cases: number; sessions: number; inspections: number; lateEntries: number }> {
  const runtime = app.get<Runtime>(RUNTIME);
  const bus = app.get(CommandBus);
  const today = vietnamDateOf(runtime.clock());
  const admin: Principal = { id: 'admin', name: 'Quản trị viên', roles: ['admin'], unitId: null };
  const correlationId = `demo-seed:${randomUUID()}`;
  for (const u of UNITS) {
    await bus.execute(
      new CreateUnit(
        { id: u.id, name: u.name, level: u.level, ...('parentId' in u ? { parentId: u.parentId } : {}) },
        { principal: admin, correlationId },
      ),
    );
    await bus.execute(
      new AppointHead(
        u.id,
        { personId: u.head[0], fullName: u.head[1], from: addDays(today, -300) },
        { principal: admin, correlationId },
      ),
    );
  }
  const d = (daysAgo: number) => addDays(today, -daysAgo);
  const rows: Record<string, unknown>[] = [];
  let n = 0;
  const scenario = (
    kind: RegisterCaseInput['kindHint'] & string,
    unit: string,
    receivedDaysAgo: number,
    steps: (daysAgo: (k: number) => string) => Step[],
  ): string => {
    const letters = SUBJECTS[kind];
    const [field, subject, content] = letters[n % letters.length];
    const name = NAMES[n % NAMES.length];
    n++;
    const externalId = `DEMO-${String(n).padStart(3, '0')}`;
    const receivedAt = d(receivedDaysAgo);
    const address = `Thôn ${n}, ${UNITS.find((x) => x.id === unit)?.name ?? ''}, tỉnh Ninh Bình`;
    rows.push({
      externalId,
      act: 'register',
      receivedAt,
      receivingUnitId: unit,
      channel: (['in_person', 'post', 'online', 'forwarded'] as const)[n % 4],
      subject,
      content,
      field,
      kindHint: kind,
      petitioners: [name, `0372010${String(10000 + n)}`, `09${String(12345670 + n)}`, address].join('|'),
    });
    for (const [action, body] of steps(d)) {
      const act = ACT_OF[action];
      if (!act) throw new Error(`demo seed: no import act for ${action}`);
      // The demo's classifications are dated the day the letter came in.
      rows.push({ externalId, act, ...(act === 'classify' ? { at: receivedAt } : {}), ...body });
    }
    return externalId;
  };
  const classify = (kind: string, unit: string, extra: Record<string, unknown> = {}): Step => [
    'classify',
    { kind, competentUnitId: unit, processable: true, ...extra },
  ];
  for (const unit of ['nb-giavien', 'nb-hoalu', 'nb-stnmt']) {
    scenario('complaint', unit, 2, () => []); // received
    scenario('complaint', unit, 3, () => [classify('complaint', unit, { level: 1 })]); // classified, intake open
    scenario('complaint', unit, 40, () => [classify('complaint', unit, { level: 1 })]); // intake overdue
    scenario('complaint', unit, 70, (a) => [
      classify('complaint', unit, { level: 1 }),
      ['accept', { acceptedAt: a(62) }],
      ['assign', { handlerId: 'cb-xuly' }],
    ]); // resolution overdue
    scenario('complaint', unit, 20, (a) => [
      classify('complaint', unit, { level: 1 }),
      ['accept', { acceptedAt: a(15), complex: true }],
    ]);
    scenario('denunciation', unit, 30, (a) => [
      classify('denunciation', unit),
      ['accept', { acceptedAt: a(25), complex: true }],
      ['extend', { at: a(2), reason: 'Vụ việc phức tạp, cần xác minh thêm', days: 30 }],
    ]);
    scenario('petition', unit, 5, () => [classify('petition', unit)]);
    scenario('reflection', unit, 25, (a) => [
      classify('reflection', unit),
      ['resolve', { decidedAt: a(20), outcome: 'answered', summary: 'Đã trả lời công dân bằng văn bản.' }],
      ['close', { at: a(19) }],
    ]);
    scenario('complaint', unit, 50, (a) => [
      classify('complaint', unit, { level: 1 }),
      ['accept', { acceptedAt: a(45) }],
      [
        'resolve',
        {
          decidedAt: a(20),
          outcome: 'partially_upheld',
          summary: 'Khiếu nại đúng một phần.',
          verificationAgreesWithRequest: true,
        },
      ],
    ]);
    scenario('complaint', unit, 35, (a) => [
      classify('complaint', unit, { level: 1 }),
      ['accept', { acceptedAt: a(30) }],
      ['suspend', { at: a(10), reason: 'Chờ kết quả giám định' }],
    ]);
    scenario('complaint', unit, 12, (a) => [
      classify('complaint', unit, { level: 1, processable: false }),
      ['reject', { at: a(8), reason: 'LKN Art. 11(3): không có quyền, lợi ích hợp pháp liên quan' }],
    ]);
    scenario('complaint', unit, 9, (a) => [
      ['guide', { at: a(6), agency: 'Tòa án nhân dân khu vực', note: 'Đã hướng dẫn một lần' }],
    ]);
    scenario('denunciation', unit, 15, (a) => [['archive', { at: a(10), reason: 'anonymous' }]]);
    scenario('complaint', unit, 18, (a) => [
      classify('complaint', unit, { level: 1 }),
      ['accept', { acceptedAt: a(14) }],
      ['withdraw', { at: a(4), reason: 'Công dân rút đơn' }],
    ]);
  }
  scenario('complaint', 'nb-giavien', 6, (a) => [
    ['transfer', { at: a(4), toUnitId: 'nb-stnmt', reason: 'Thuộc thẩm quyền của Sở' }],
  ]);
  // Received and classified 35 days ago; its acceptance, signed 28 days ago (within KN-ACC), is typed
  // in only now, below: legally met, missed for accountability, listed in /late-entries.
  const lateAcceptance = scenario('complaint', 'nb-giavien', 35, () => [
    classify('complaint', 'nb-giavien', { level: 1 }),
  ]);
  const file = [
    DEMO_IMPORT_COLUMNS.join(','),
    ...rows.map((r) => DEMO_IMPORT_COLUMNS.map((c) => csvCell(r[c])).join(',')),
  ].join('\r\n');
  await bus.execute(
    new ImportHistoryMessage(
      { file: Buffer.from(file, 'utf8'), format: 'csv', reason: DEMO_IMPORT_REASON, importId: 'demo' },
      { principal: admin, correlationId },
    ),
  );
  const handler: Principal = { id: 'cb-xuly', name: 'Hoàng Văn Thắng', roles: ['handler'], unitId: 'nb' };
  await bus.execute(
    new AcceptCase(
      ImportService.caseIdOf('demo', lateAcceptance),
      { acceptedAt: d(28) },
      { principal: handler, correlationId },
    ),
  );
  const sessions = await seedReceptionSessions(app, today, correlationId);
  const inspections = await seedInspection(app, today, admin, correlationId);
  return { units: UNITS.length, cases: n, sessions, inspections, lateEntries: 1 };
}

/** The nearest Monday–Friday on or before a date (the demo does not need the holiday calendar). */
function weekdayOnOrBefore(date: string): string {
  let d = date;
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, -1);
  return d;
}

/**
 * Citizen-reception sessions, so the heads' duty and the schedule have something to show: the
 * province chair and the two commune chairs held sessions in the past months (the communes with a
 * gap of a few weeks, which /reception-duty reports as missing), and each has one scheduled ahead.
 */
async function seedReceptionSessions(
  app: Pick<INestApplicationContext, 'get'>,
  today: string,
  correlationId: string,
): Promise<number> {
  const bus = app.get(CommandBus);
  const plan: { unitId: string; head: readonly [string, string]; daysAgo: number[] }[] = [
    { unitId: 'nb', head: ['ct-nb', 'Trần Minh Đức'], daysAgo: [95, 65, 35, 8] },
    { unitId: 'nb-giavien', head: ['ct-gv', 'Đinh Công Lý'], daysAgo: [56, 49, 42, 21, 14, 7] },
    { unitId: 'nb-hoalu', head: ['ct-hl', 'Nguyễn Thu Trang'], daysAgo: [63, 35, 28] },
  ];
  let count = 0;
  for (const { unitId, head, daysAgo } of plan) {
    const chair: Principal = { id: head[0], name: head[1], roles: ['head'], unitId };
    for (const [i, ago] of daysAgo.entries()) {
      const date = weekdayOnOrBefore(addDays(today, -ago));
      const session = await bus.execute(
        new ScheduleSession(
          {
            unitId,
            hostPersonId: head[0],
            date,
            kind: 'periodic',
            mode: i % 3 === 2 ? 'online' : 'in_person',
          },
          { principal: chair, correlationId },
        ),
      );
      await bus.execute(
        new HoldSession(
          session.id,
          { heldOn: date, hostPersonId: head[0], citizensReceived: 2 + ((i * 3) % 5) },
          { principal: chair, correlationId },
        ),
      );
      count++;
    }
    const ahead = addDays(today, 7);
    await bus.execute(
      new ScheduleSession(
        {
          unitId,
          hostPersonId: head[0],
          date: weekdayOnOrBefore(ahead),
          kind: 'periodic',
          mode: 'in_person',
        },
        { principal: chair, correlationId },
      ),
    );
    count++;
  }
  return count;
}

/** One inspection of a commune by the provincial inspectorate, concluded with recommendations to follow up. */
async function seedInspection(
  app: Pick<INestApplicationContext, 'get'>,
  today: string,
  admin: Principal,
  correlationId: string,
): Promise<number> {
  const bus = app.get(CommandBus);
  const meta = { principal: admin, correlationId };
  const decided = await bus.execute(
    new DecideInspection(
      {
        title: 'Thanh tra việc quản lý, sử dụng đất đai tại xã Gia Viễn',
        kind: 'inspection',
        leadUnitId: 'nb-tt',
        inspectedUnitId: 'nb-giavien',
        decidedOn: addDays(today, -200),
      },
      meta,
    ),
  );
  await bus.execute(
    new ConcludeInspection(
      decided.id,
      {
        concludedOn: addDays(today, -120),
        summary: 'Còn để xảy ra lấn chiếm đất công; hồ sơ giao đất chưa đầy đủ.',
        recommendations: [
          {
            text: 'Xử lý dứt điểm các trường hợp lấn chiếm đất công, báo cáo kết quả định kỳ 3 tháng.',
            ownerUnitId: 'nb-giavien',
            dueOn: addDays(today, 60),
            reportEvery: '3m',
          },
          {
            text: 'Hoàn thiện hồ sơ giao đất, cho thuê đất giai đoạn 2020–2025.',
            ownerUnitId: 'nb-giavien',
            dueOn: addDays(today, -10),
          },
        ],
      },
      meta,
    ),
  );
  return 1;
}
