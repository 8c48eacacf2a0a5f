import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryRouter } from 'react-router';
import { Providers } from '../src/App';
import { DeadlineTable, PetitionerTable } from '../src/pages/cases/CaseDossierPage';
import { DueTag } from '../src/components/CaseTable';
import { UnitTable } from '../src/components/UnitTable';
import { ProblemAlert } from '../src/components/common';
import { asSentence, fieldProblems } from '../src/lib/problem-fields';
import { Form, Input } from 'antd';
import { ApiError } from '../src/api/client';
import { parseTypedDate } from '../src/components/DateField';
import { toRegisterBody } from '../src/pages/desk/IntakePage';
import { LATE_ENTRY_TYPE_OPTIONS, lateEntryActLabel } from '../src/pages/auditor/LateEntriesPage';
import { eventLabel } from '../src/lib/labels';
import { addDays, formatDate, formatInstant, todayInVietnam, urgencyOf } from '../src/lib/format';
import { can } from '../src/auth/permissions';

const wrap = (ui: React.ReactNode) =>
  render(
    <Providers>
      <MemoryRouter>{ui}</MemoryRouter>
    </Providers>,
  );

describe('dates as Vietnamese officials write them', () => {
  it('shows business dates dd/MM/yyyy and instants in Vietnam time', () => {
    expect(formatDate('2026-07-01')).toBe('01/07/2026');
    // 17:30 UTC is already the next day in Hà Nội (UTC+7).
    expect(formatInstant('2026-12-06T17:30:00Z')).toBe('07/12/2026 00:30:00');
    expect(todayInVietnam(new Date('2026-12-06T17:30:00Z'))).toBe('2026-12-07');
  });

  it('reads a typed date only when it is a real one', () => {
    expect(parseTypedDate('29/11/2026')).toBe('2026-11-29');
    expect(parseTypedDate('1/7/2026')).toBe('2026-07-01');
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('2026-11-29')).toBeNull();
  });
});

describe('deadlines', () => {
  const today = todayInVietnam();
  it('colours an overdue deadline red and one due within five days amber', () => {
    expect(urgencyOf(addDays(today, -1), today)).toBe('overdue');
    expect(urgencyOf(addDays(today, 5), today)).toBe('soon');
    expect(urgencyOf(addDays(today, 6), today)).toBe('later');
    wrap(<DueTag dueOn={addDays(today, -3)} ruleId="KN-RES1" />);
    expect(screen.getByText('quá hạn 3 ngày').closest('.ant-tag')?.className).toMatch(/red/);
  });

  it('name the rule, its legal basis and its state in Vietnamese', () => {
    wrap(
      <DeadlineTable
        deadlines={[
          {
            ruleId: 'KN-RES1',
            ruleVersion: '2012-07-01',
            startOn: '2026-07-10',
            dueOn: '2026-08-10',
            status: 'met',
            legalBasis: 'LKN Art. 28; 30 ngày',
          },
        ]}
      />,
    );
    const row = screen.getByText('Giải quyết khiếu nại lần đầu').closest('tr')!;
    expect(within(row).getByText(/Căn cứ: Luật Khiếu nại, Điều 28/)).toBeTruthy();
    expect(within(row).getByText('Đúng hạn')).toBeTruthy();
    expect(within(row).getByText('10/08/2026')).toBeTruthy();
  });
});

describe('the dossier shows petitioners only as the API gives them', () => {
  it('renders the masked identity and nothing more', () => {
    wrap(<PetitionerTable petitioners={[{ fullName: '[bảo mật]' }]} />);
    expect(screen.getByText('[bảo mật]')).toBeTruthy();
    expect(screen.getAllByText('—').length).toBe(3);
  });
});

describe('a refusal of the API', () => {
  it('shows the problem’s Vietnamese detail and the fields it names', () => {
    const err = new ApiError({
      title: 'Không thực hiện được ở trạng thái này',
      status: 409,
      code: 'ILLEGAL_TRANSITION',
      detail: 'KN-DLG: phải thông báo đối thoại trước ít nhất 5 ngày (NĐ 155/2026 Art. 11)',
      errors: [{ path: 'noticeOn', message: 'noticeOn: bắt buộc' }],
    });
    wrap(<ProblemAlert error={err} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Không thực hiện được ở trạng thái này')).toBeTruthy();
    expect(within(alert).getByText(/KN-DLG: phải thông báo đối thoại/)).toBeTruthy();
    expect(within(alert).getByText('noticeOn')).toBeTruthy();
  });
});

describe('a refusal’s detail as the alert’s sentence', () => {
  it('begins with a capital, unless it begins with a field path or a rule id', () => {
    expect(asSentence('không có hồ sơ HS-2026-1')).toBe('Không có hồ sơ HS-2026-1');
    expect(asSentence('đơn vị dept-01 đã chấm dứt hoạt động')).toBe('Đơn vị dept-01 đã chấm dứt hoạt động');
    expect(asSentence('from: ngày 01/12/2026 trước hôm nay')).toBe('from: ngày 01/12/2026 trước hôm nay');
    expect(asSentence('receivedAt: bắt buộc phải có')).toBe('receivedAt: bắt buộc phải có');
    expect(asSentence('effectiveOn phải sau ngày 01/01/2026')).toBe('effectiveOn phải sau ngày 01/01/2026');
    expect(asSentence('KN-DLG: phải thông báo')).toBe('KN-DLG: phải thông báo');
  });

  it('is what the alert shows', () => {
    const err = new ApiError({
      title: 'Không tìm thấy',
      status: 404,
      code: 'NOT_FOUND',
      detail: 'không có hồ sơ HS-9',
    });
    wrap(<ProblemAlert error={err} />);
    expect(within(screen.getByRole('alert')).getByText('Không có hồ sơ HS-9')).toBeTruthy();
  });
});

describe('a validation refusal shown on the form it came from', () => {
  const refusal = () =>
    new ApiError({
      title: 'Dữ liệu không hợp lệ',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail:
        'receivedAt: ngày 25/12/2026 sau ngày hôm nay (07/12/2026); petitioners[0].idNumber phải gồm 6–20 chữ số hoặc chữ cái; unknownField: lạ',
      errors: [
        { path: 'receivedAt', message: 'receivedAt: ngày 25/12/2026 sau ngày hôm nay (07/12/2026)' },
        {
          path: 'petitioners[0].idNumber',
          message: 'petitioners[0].idNumber phải gồm 6–20 chữ số hoặc chữ cái',
        },
        { path: 'unknownField', message: 'unknownField: lạ' },
      ],
    });

  it('reads the API paths as form field names and drops the path from the message', () => {
    expect(fieldProblems(refusal().problem.errors)).toEqual([
      { path: 'receivedAt', name: ['receivedAt'], message: 'Ngày 25/12/2026 sau ngày hôm nay (07/12/2026)' },
      {
        path: 'petitioners[0].idNumber',
        name: ['petitioners', 0, 'idNumber'],
        message: 'Phải gồm 6–20 chữ số hoặc chữ cái',
      },
      { path: 'unknownField', name: ['unknownField'], message: 'Lạ' },
    ]);
  });

  function Intake({ error }: { error: unknown }) {
    const [form] = Form.useForm();
    return (
      <>
        <ProblemAlert error={error} form={form} />
        <Form form={form} initialValues={{ receivedAt: '2026-12-25', petitioners: [{ idNumber: '12-34' }] }}>
          <Form.Item name="receivedAt" label="Ngày nhận đơn">
            <Input />
          </Form.Item>
          <Form.Item name={['petitioners', 0, 'idNumber']} label="Số CCCD">
            <Input />
          </Form.Item>
        </Form>
      </>
    );
  }

  it('puts each message under its field, once, and lists in the alert only what the form lacks', async () => {
    wrap(<Intake error={refusal()} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Kiểm tra các ô được đánh dấu đỏ dưới đây.')).toBeTruthy();
    expect(within(alert).queryByText('receivedAt')).toBeNull();
    expect(within(alert).queryByText(/sau ngày hôm nay/)).toBeNull();
    expect(within(alert).getByText('unknownField')).toBeTruthy();
    expect(await screen.findByText('Ngày 25/12/2026 sau ngày hôm nay (07/12/2026)')).toBeTruthy();
    expect(screen.getByText('Phải gồm 6–20 chữ số hoặc chữ cái')).toBeTruthy();
    expect(screen.queryAllByText(/receivedAt/)).toEqual([]);
  });
});

describe('the late-entry list', () => {
  it("names an inspection's late act in Vietnamese, as a case's", () => {
    expect(lateEntryActLabel('InspectionDecided')).toBe('Quyết định thanh tra, kiểm tra');
    expect(lateEntryActLabel('InspectionConcluded')).toBe('Ban hành kết luận');
    expect(lateEntryActLabel('CaseAccepted')).toBe(eventLabel('CaseAccepted'));
    expect(lateEntryActLabel('CaseAccepted')).not.toBe('CaseAccepted');
  });

  it('filters by every act it lists, the inspection acts too, each once and in Vietnamese', () => {
    expect(LATE_ENTRY_TYPE_OPTIONS.map((g) => g.label)).toEqual([
      'Hồ sơ',
      'Buổi tiếp công dân',
      'Thanh tra, kiểm tra',
    ]);
    const options = LATE_ENTRY_TYPE_OPTIONS.flatMap((g) => g.options);
    // The 32 acts GET /late-entries accepts as `type` (23 of a case, a session's hold, 8 of an inspection).
    expect(options).toHaveLength(32);
    expect(LATE_ENTRY_TYPE_OPTIONS[2]!.options).toContainEqual({
      value: 'InspectionConcluded',
      label: 'Ban hành kết luận',
    });
    expect(LATE_ENTRY_TYPE_OPTIONS[2]!.options.map((o) => o.value)).not.toContain('RecommendationMoved');
    for (const o of options) expect(o.label).not.toBe(o.value);
    expect(new Set(options.map((o) => o.label)).size).toBe(options.length);
  });
});

describe('the intake form', () => {
  it('sends what the clerk typed, trimmed, without empty optional fields', () => {
    const body = toRegisterBody({
      receivedAt: '2026-12-01',
      channel: 'post',
      receivingUnitId: 'nb-giavien',
      petitioners: [
        { fullName: ' Phạm Văn Hùng ', idNumber: '', phone: '0912345678', representative: true },
        { fullName: 'Lê Thị Hoa' },
      ],
      signerCount: 2,
      subject: ' Khiếu nại ',
      content: 'Nội dung',
    });
    expect(body).toEqual({
      receivedAt: '2026-12-01',
      channel: 'post',
      receivingUnitId: 'nb-giavien',
      petitioners: [
        { fullName: 'Phạm Văn Hùng', phone: '0912345678', representative: true },
        { fullName: 'Lê Thị Hoa' },
      ],
      signerCount: 2,
      subject: 'Khiếu nại',
      content: 'Nội dung',
    });
  });

  it('sends an anonymous letter without petitioners, with its registry number and forwarding body', () => {
    const body = toRegisterBody({
      receivedAt: '2026-12-02',
      channel: 'forwarded',
      receivingUnitId: 'nb-giavien',
      anonymous: true,
      // What was typed before the switch was turned on never leaves the form.
      petitioners: [{ fullName: 'Trần Văn Nam' }],
      signerCount: 3,
      subject: 'Phản ánh ',
      content: 'Nội dung',
      forwardedBy: ' Ủy ban MTTQ tỉnh ',
      registryNo: ' 125/CVĐ ',
    });
    expect(body).toEqual({
      receivedAt: '2026-12-02',
      channel: 'forwarded',
      receivingUnitId: 'nb-giavien',
      petitioners: [],
      anonymous: true,
      subject: 'Phản ánh',
      content: 'Nội dung',
      forwardedBy: 'Ủy ban MTTQ tỉnh',
      registryNo: '125/CVĐ',
    });
  });

  it('leaves out blank registry number and forwarding body', () => {
    const body = toRegisterBody({
      receivedAt: '2026-12-02',
      channel: 'post',
      receivingUnitId: 'nb-giavien',
      petitioners: [{ fullName: 'Lê Thị Hoa' }],
      subject: 'Kiến nghị',
      content: 'Nội dung',
      forwardedBy: '  ',
      registryNo: '',
    });
    expect(body).not.toHaveProperty('forwardedBy');
    expect(body).not.toHaveProperty('registryNo');
    expect(body).not.toHaveProperty('anonymous');
  });
});

describe('the navigation follows the role', () => {
  const user = (role: string) => ({ id: 'x', name: 'x', roles: [role], unitId: 'nb' });
  it('lets the desk register but not decide, the auditor verify but not register', () => {
    expect(can(user('reception'), 'register')).toBe(true);
    expect(can(user('reception'), 'command')).toBe(false);
    expect(can(user('auditor'), 'audit')).toBe(true);
    expect(can(user('auditor'), 'register')).toBe(false);
    expect(can(user('supervisor'), 'boards')).toBe(true);
    expect(can(user('head'), 'receptionHold')).toBe(true);
  });

  it('opens the late-entry list to auditors, supervisors and admins only (late-entries.read)', () => {
    for (const role of ['auditor', 'supervisor', 'admin']) expect(can(user(role), 'lateEntries')).toBe(true);
    for (const role of ['reception', 'handler', 'head']) expect(can(user(role), 'lateEntries')).toBe(false);
  });

  it('opens the boards and reception duty to auditors (boards.read: as-of views of boards)', () => {
    for (const role of ['auditor', 'supervisor', 'admin', 'head'])
      expect(can(user(role), 'boards')).toBe(true);
    expect(can(user('auditor'), 'receptionDuty')).toBe(true);
    for (const role of ['reception', 'handler']) expect(can(user(role), 'boards')).toBe(false);
    // The CSV export needs exports.read: supervisors and admins only.
    for (const role of ['supervisor', 'admin']) expect(can(user(role), 'exports')).toBe(true);
    for (const role of ['auditor', 'head']) expect(can(user(role), 'exports')).toBe(false);
  });
});

describe('the units, as the organisation and the admin see them', () => {
  const unit = (id: string, name: string, parentId: string | null) => ({
    id,
    name,
    level: 'district',
    parentId,
    status: 'active',
    from: '2020-01-01',
    ceasedOn: null,
    successorId: null,
  });
  const units = [
    {
      ...unit('nb', 'UBND tỉnh Ninh Bình', null),
      heads: [{ personId: 'p1', fullName: 'Trần Văn An', acting: true, from: '2025-01-01', to: null }],
    },
    {
      ...unit('nb-gv', 'UBND huyện Gia Viễn', 'nb'),
      mergesInto: { unitId: 'nb', effectiveOn: '2027-01-01' },
    },
    { ...unit('nb-old', 'UBND xã cũ', 'nb'), ceasedOn: '2025-07-01', successorId: 'nb' },
  ];

  it("names each unit's heads over time and its state in Vietnamese", () => {
    wrap(<UnitTable units={units} />);
    expect(screen.getByText('Quyền')).toBeTruthy();
    expect(screen.getByText(/từ 01\/01\/2025/)).toBeTruthy();
    expect(screen.getByText('Đang hoạt động')).toBeTruthy();
    expect(screen.getByText('Sẽ sáp nhập ngày 01/01/2027')).toBeTruthy();
    expect(screen.getByText('Đã sáp nhập từ 01/07/2025')).toBeTruthy();
    expect(screen.queryByText('Mã')).toBeNull();
    expect(screen.queryByText('Thao tác')).toBeNull();
  });

  it("gives the admin each unit's code, parent and commands", () => {
    wrap(
      <UnitTable
        units={units}
        showId
        parentName={(id) => (id ? `cấp trên ${id}` : '—')}
        actions={(u) => <button>Đổi tên {u.id}</button>}
      />,
    );
    expect(screen.getByText('Mã')).toBeTruthy();
    expect(screen.getByText('Đơn vị cấp trên')).toBeTruthy();
    expect(screen.getAllByText('cấp trên nb')).toHaveLength(2);
    expect(screen.getByText('Đổi tên nb-gv')).toBeTruthy();
  });

  it('nests the units under their parents as a tree, all open', () => {
    wrap(<UnitTable units={units} asTree />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.className).toMatch(/level-0/);
    expect(rows[1]?.className).toMatch(/level-1/);
  });
});
