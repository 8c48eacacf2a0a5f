import { fireEvent, render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Providers } from '../src/App';
import { UnitScopeFilter, type UnitScope } from '../src/components/UnitScopeFilter';
import { StatisticsFilter, statisticsFilters } from '../src/pages/supervisor/StatisticsPage';

/** Ant Design's first render is slow on a loaded machine: a generous limit (no assertion on time). */
const SLOW = 30_000;

const wrap = (ui: React.ReactNode) =>
  render(
    <Providers>
      <MemoryRouter>{ui}</MemoryRouter>
    </Providers>,
  );

/** The filter of the boards, late entries and inspection tabs: one component, the same labels everywhere. */
describe('UnitScopeFilter (Đơn vị + Gồm đơn vị trực thuộc)', () => {
  it(
    'labels the unit select and the checkbox, and reports each change with the other part kept',
    () => {
      const seen: UnitScope[] = [];
      function Harness() {
        const [scope, setScope] = useState<UnitScope>({ unitId: 'nb', includeSubunits: true });
        return (
          <UnitScopeFilter
            label="Đơn vị thực hiện kiến nghị"
            value={scope}
            onChange={(next) => {
              seen.push(next);
              setScope(next);
            }}
          />
        );
      }
      wrap(<Harness />);
      expect(screen.getByLabelText('Đơn vị thực hiện kiến nghị').getAttribute('role')).toBe('combobox');
      const box = screen.getByRole('checkbox', { name: 'Gồm đơn vị trực thuộc' }) as HTMLInputElement;
      expect(box.checked).toBe(true);
      fireEvent.click(box);
      expect(seen).toEqual([{ unitId: 'nb', includeSubunits: false }]);
      expect(box.checked).toBe(false);
    },
    SLOW,
  );

  it(
    'as the control of a Form.Item: labelled "Đơn vị" by default, its value submitted as one field',
    async () => {
      const finish = vi.fn();
      wrap(
        <Form initialValues={{ scope: { unitId: 'nb', includeSubunits: true } }} onFinish={finish}>
          <Form.Item name="scope">
            <UnitScopeFilter />
          </Form.Item>
          <button type="submit">Xem</button>
        </Form>,
      );
      expect(screen.getByLabelText('Đơn vị').id).toBe('scope');
      fireEvent.click(screen.getByRole('checkbox', { name: 'Gồm đơn vị trực thuộc' }));
      fireEvent.click(screen.getByRole('button', { name: 'Xem' }));
      await vi.waitFor(() =>
        expect(finish).toHaveBeenCalledWith({ scope: { unitId: 'nb', includeSubunits: false } }),
      );
    },
    SLOW,
  );
});

/** The statistics page uses the same filter, with its period select after it (not a checkbox of its own). */
describe('the statistics filter', () => {
  it(
    'is the shared unit filter, then the period, then Xem; one checkbox; submits the scope and the period',
    async () => {
      const finish = vi.fn();
      wrap(
        <StatisticsFilter
          value={{ unitId: 'nb', includeSubunits: true, period: '2026-Q4' }}
          periods={[
            { value: '2026-Q4', label: 'Quý IV năm 2026' },
            { value: '2026', label: 'Năm 2026' },
          ]}
          onFinish={finish}
        />,
      );
      const boxes = screen.getAllByRole('checkbox');
      expect(boxes).toHaveLength(1);
      expect(boxes[0]!.closest('.unit-scope-filter')).not.toBeNull();
      const unit = screen.getByLabelText('Đơn vị');
      const period = screen.getByLabelText('Kỳ báo cáo');
      const xem = screen.getByRole('button', { name: 'Xem' });
      // Document order: the unit (with its checkbox), the period, the button.
      expect(unit.compareDocumentPosition(boxes[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(boxes[0]!.compareDocumentPosition(period) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(period.compareDocumentPosition(xem) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      fireEvent.click(boxes[0]!);
      fireEvent.click(xem);
      await vi.waitFor(() =>
        expect(finish).toHaveBeenCalledWith({
          scope: { unitId: 'nb', includeSubunits: false },
          period: '2026-Q4',
        }),
      );
      const current = { unitId: 'nb', includeSubunits: true, period: '2026-Q4' };
      expect(statisticsFilters(finish.mock.calls[0]![0], current)).toEqual({
        unitId: 'nb',
        includeSubunits: false,
        period: '2026-Q4',
      });
      expect(statisticsFilters({ scope: { includeSubunits: true }, period: '2026' }, current)).toEqual({
        unitId: 'nb',
        includeSubunits: true,
        period: '2026',
      });
    },
    SLOW,
  );
});
