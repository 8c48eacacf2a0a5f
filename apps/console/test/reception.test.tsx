import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { Providers } from '../src/App';
import { DateField } from '../src/components/DateField';
import {
  heldOnProposal,
  heldOnRules,
  pastScheduleWarning,
  scheduleDateRules,
} from '../src/pages/head/ReceptionPage';

const SLOW = 30_000;
const TODAY = '2026-12-07';

describe('the reception calendar forms', () => {
  it('propose as the day held the session’s own once it has come, else today (the API refuses a later one)', () => {
    expect(heldOnProposal('2026-12-01', TODAY)).toBe('2026-12-01');
    expect(heldOnProposal(TODAY, TODAY)).toBe(TODAY);
    expect(heldOnProposal('2027-01-15', TODAY)).toBe(TODAY);
  });

  it('warn about a session scheduled on a day already past, saying how long ago', () => {
    expect(pastScheduleWarning(TODAY, TODAY)).toBeNull();
    expect(pastScheduleWarning('2027-01-15', TODAY)).toBeNull();
    expect(pastScheduleWarning('2026-12-02', TODAY)).toMatch(
      /^Ngày tiếp 02\/12\/2026 đã qua \(cách hôm nay 5 ngày\)/,
    );
    expect(pastScheduleWarning('2020-12-07', TODAY)).toMatch(
      /^Ngày tiếp 07\/12\/2020 đã qua \(cách hôm nay 6 năm\)/,
    );
  });

  it(
    'schedule a date years past with a warning in the form, and still send it',
    async () => {
      const finish = vi.fn();
      render(
        <Providers>
          <Form initialValues={{ date: TODAY }} onFinish={finish}>
            <Form.Item name="date" label="Ngày tiếp" rules={scheduleDateRules(TODAY)}>
              <DateField />
            </Form.Item>
            <button type="submit">Lên lịch</button>
          </Form>
        </Providers>,
      );
      const input = screen.getByLabelText('Ngày tiếp');
      fireEvent.change(input, { target: { value: '07/12/2020' } });
      fireEvent.blur(input);
      await screen.findByText(/^Ngày tiếp 07\/12\/2020 đã qua \(cách hôm nay 6 năm\)/);
      fireEvent.click(screen.getByRole('button', { name: 'Lên lịch' }));
      await waitFor(() => expect(finish).toHaveBeenCalledWith({ date: '2020-12-07' }));
    },
    SLOW,
  );

  it(
    'refuse in the form a day held after today, in Vietnamese',
    async () => {
      const finish = vi.fn();
      render(
        <Providers>
          <Form initialValues={{ heldOn: '2027-01-15' }} onFinish={finish}>
            <Form.Item name="heldOn" label="Ngày tổ chức" rules={heldOnRules(TODAY)}>
              <DateField />
            </Form.Item>
            <button type="submit">Ghi nhận</button>
          </Form>
        </Providers>,
      );
      fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
      await screen.findByText('Ngày tổ chức không được sau hôm nay (07/12/2026)');
      expect(finish).not.toHaveBeenCalled();
    },
    SLOW,
  );
});
